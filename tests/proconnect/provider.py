"""A real OpenID Connect provider for the tests, answering as ProConnect does.

oidc-provider-mock (Flask and Authlib, from PyPI) serves the flow on a free loopback port,
in a thread: discovery, authorization form, token endpoint (ID token signed RS256, nonce
required, registered clients only: secret and redirect URI checked), JWKS, userinfo, end of
session. Its options do not cover what ProConnect adds; these extensions do, on the HTTP
exchange itself:

- PKCE is required (Authlib's own CodeChallenge check, the challenge kept per code);
- userinfo answers a JWT signed with the provider's key (`application/jwt`), with the
  claims of ProConnect's scope names (`given_name`, `usual_name`, `siret`…);
- the end of session checks `id_token_hint` and records each logout;
- faults the tests turn on: codes that expire at once, a userinfo signed by another key, a
  tampered ID token, an unsigned (JSON) userinfo.
"""

import secrets
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote, urlsplit

import flask
import oidc_provider_mock
import requests
import werkzeug.serving
from authlib import jose
from authlib.oauth2.rfc6749 import AuthorizationCodeGrant, InvalidRequestError
from authlib.oauth2.rfc7636 import CodeChallenge

# ProConnect's scopes, each giving the claim of the same name (phone gives phone_number).
PROCONNECT_SCOPES = "openid email given_name usual_name siret uid idp_id organization_label"
SCOPE_OF_CLAIM = {
    "email": "email",
    "given_name": "given_name",
    "usual_name": "usual_name",
    "siret": "siret",
    "uid": "uid",
    "idp_id": "idp_id",
    "organization_label": "organization_label",
    "phone_number": "phone",
}


@dataclass
class Faults:
    code_lifetime: float | None = None  # seconds a code stays valid (ProConnect: 30)
    userinfo: str = ""  # "wrong-key", "json", "other-sub"
    id_token: str = ""  # "tampered"


@dataclass
class Record:
    """What the provider saw, for the tests to check."""

    authorizations: list[dict] = field(default_factory=list)  # query of each authorize
    token_requests: list[dict] = field(default_factory=list)
    logouts: list[dict] = field(default_factory=list)


class RequiredPkce(CodeChallenge):
    """Authlib's PKCE check, required of every client (ProConnect-like), the challenge kept
    by the provider wrapper since the mock's codes do not store it."""

    def __init__(self, challenges: dict):
        super().__init__(required=True)
        self.challenges = challenges

    def get_authorization_code_challenge(self, authorization_code):
        return self.challenges.get(authorization_code.code, (None, None))[0]

    def get_authorization_code_challenge_method(self, authorization_code):
        return self.challenges.get(authorization_code.code, (None, None))[1]

    def validate_code_verifier(self, grant, result):
        if not self.get_authorization_code_challenge(grant.request.authorization_code):
            raise InvalidRequestError("PKCE is required: no code_challenge was sent.")
        return super().validate_code_verifier(grant, result)


class ProConnectLikeProvider:
    def __init__(self):
        self.faults = Faults()
        self.record = Record()
        self.client_id = ""
        self.client_secret = ""
        self._challenges: dict[str, tuple[str, str]] = {}
        self._issued: dict[str, float] = {}
        self._other_key = None
        self.app = self._build_app()
        self._server = werkzeug.serving.make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- the Flask app --------------------------------------------------------------------------

    def _build_app(self) -> flask.Flask:
        # Named after the package, whose templates (authorization and logout forms) it serves.
        app = flask.Flask(oidc_provider_mock.__name__)
        app.secret_key = secrets.token_bytes(16)
        oidc_provider_mock.init_app(app, require_client_registration=True, require_nonce=True)
        pkce = RequiredPkce(self._challenges)
        extended = set()

        @app.before_request
        def require_pkce():
            server = flask.g._authlib_authorization_server
            if id(server) in extended:
                return
            for grant_cls, extensions in server._token_grants:
                if issubclass(grant_cls, AuthorizationCodeGrant) and extensions is not None:
                    extensions.append(pkce)
            extended.add(id(server))

        @app.before_request
        def before():
            endpoint = flask.request.endpoint or ""
            if endpoint.endswith(".authorize") and flask.request.method == "GET":
                self.record.authorizations.append(flask.request.args.to_dict())
            if endpoint.endswith(".issue_token"):
                form = flask.request.form.to_dict()
                self.record.token_requests.append(form)
                self._expire(form.get("code", ""))
            if endpoint.endswith(".end_session"):
                return self._check_end_session()
            return None

        @app.after_request
        def after(response):
            endpoint = flask.request.endpoint or ""
            if endpoint.endswith(".authorize") and response.status_code in (302, 303):
                self._remember_code(response.headers.get("Location", ""))
            if endpoint.endswith(".issue_token") and response.status_code == 200:
                return self._tamper_id_token(response)
            if endpoint.endswith(".userinfo") and response.status_code == 200:
                return self._signed_userinfo()
            return response

        return app

    @property
    def _storage(self):
        return flask.g.oidc_provider_mock_storage

    def _remember_code(self, location: str) -> None:
        code = parse_qs(urlsplit(location).query).get("code", [""])[0]
        if code:
            args = flask.request.args
            self._challenges[code] = (
                args.get("code_challenge", ""),
                args.get("code_challenge_method") or "plain",
            )
            self._issued[code] = time.monotonic()

    def _expire(self, code: str) -> None:
        lifetime = self.faults.code_lifetime
        if lifetime is not None and time.monotonic() - self._issued.get(code, 0) > lifetime:
            self._storage.remove_authorization_code(code)

    def _tamper_id_token(self, response):
        if self.faults.id_token != "tampered":
            return response
        body = response.get_json()
        header, payload, signature = body["id_token"].split(".")
        body["id_token"] = ".".join(
            [header, payload, ("A" if signature[0] != "A" else "B") + signature[1:]]
        )
        return flask.jsonify(body)

    def _signed_userinfo(self):
        token = flask.request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        access = self._storage.get_access_token(token)
        user = access.get_user()
        scopes = set(access.scope.split())
        claims = {
            name: value
            for name, value in user.claims.items()
            if SCOPE_OF_CLAIM.get(name) in scopes or name not in SCOPE_OF_CLAIM
        }
        claims["sub"] = "quelqu-un-d-autre" if self.faults.userinfo == "other-sub" else user.sub
        if self.faults.userinfo == "json":
            return flask.jsonify(claims)
        now = int(time.time())
        payload = {**claims, "iss": self.url, "aud": self.client_id, "iat": now, "exp": now + 60}
        key = self._storage.jwk
        kid = key.as_dict()["kid"]
        if self.faults.userinfo == "wrong-key":
            self._other_key = self._other_key or jose.RSAKey.generate_key(is_private=True)
            key = self._other_key
        signed = jose.jwt.encode({"alg": "RS256", "kid": kid}, payload, key)
        return flask.Response(signed, content_type="application/jwt; charset=utf-8")

    def _check_end_session(self):
        hint = flask.request.values.get("id_token_hint", "")
        try:
            claims = jose.jwt.decode(hint, self._storage.jwk)
        except Exception:
            return flask.Response("id_token_hint invalide", status=400)
        self.record.logouts.append(
            {
                "sub": claims["sub"],
                "aud": claims["aud"],
                "state": flask.request.values.get("state", ""),
                "post_logout_redirect_uri": flask.request.values.get(
                    "post_logout_redirect_uri", ""
                ),
            }
        )
        return None

    # -- what the tests call (over HTTP) ---------------------------------------------------------

    def start(self) -> "ProConnectLikeProvider":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def register_client(self, redirect_uris: list[str]) -> None:
        response = requests.post(
            f"{self.url}/oauth2/clients",
            json={
                "redirect_uris": redirect_uris,
                "token_endpoint_auth_method": "client_secret_post",
                "scope": PROCONNECT_SCOPES,
            },
            timeout=5,
        )
        response.raise_for_status()
        self.client_id = response.json()["client_id"]
        self.client_secret = response.json()["client_secret"]

    def put_user(self, sub: str, **claims) -> None:
        response = requests.put(f"{self.url}/users/{quote(sub, safe='')}", json=claims, timeout=5)
        response.raise_for_status()

    def authorize(self, authorization_url: str, sub: str) -> str:
        """The person signs in at the provider (its form): where the provider sends them back."""
        response = requests.post(
            authorization_url, data={"sub": sub}, allow_redirects=False, timeout=5
        )
        assert response.status_code in (302, 303), response.text[:500]
        return response.headers["Location"]

    def deny(self, authorization_url: str) -> str:
        response = requests.post(
            authorization_url, data={"action": "deny"}, allow_redirects=False, timeout=5
        )
        assert response.status_code in (302, 303), response.text[:500]
        return response.headers["Location"]

    def settings(self) -> dict:
        return {
            "PROCONNECT_CLIENT_ID": self.client_id,
            "PROCONNECT_CLIENT_SECRET": self.client_secret,
            "PROCONNECT_ISSUER": self.url,
            "PROCONNECT_DISCOVERY_URL": "",
        }


@contextmanager
def running_provider():
    provider = ProConnectLikeProvider().start()
    try:
        yield provider
    finally:
        provider.stop()
