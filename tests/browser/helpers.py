"""Steps shared by the browser journeys."""

MEMBER = ("membre", "membre-demo")
ANIMATOR = ("animateur", "animateur-demo")


def log_in(page, url, account: tuple[str, str], next_path: str = "/") -> None:
    """Sign in through the login form, as a visitor would (accounts from load_demo)."""
    username, password = account
    page.goto(url(f"/connexion/?next={next_path}"))
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.locator("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lambda u: "/connexion/" not in u)
