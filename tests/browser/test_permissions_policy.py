"""The browser itself applies the Permissions-Policy: the features it turns off are unavailable
to the page, fullscreen (the video player) stays."""


def test_chromium_turns_off_the_features_the_policy_names(page, url):
    page.goto(url("/"))
    allowed = page.evaluate("() => document.featurePolicy.allowedFeatures()")
    assert "fullscreen" in allowed and "picture-in-picture" in allowed
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial"):
        assert feature not in allowed, feature
    error_code = page.evaluate(
        """() => new Promise(resolve => navigator.geolocation.getCurrentPosition(
               () => resolve(0), error => resolve(error.code)))"""
    )
    assert error_code == 1  # PERMISSION_DENIED, without asking the visitor
