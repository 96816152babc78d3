"""axe in the real browser on one page of each kind the crawler reached, for each role.

The crawl (tests/crawl) fetches every page through Django's test client and leaves here one
URL per page shape and role; run alone, this test crawls first.
"""

from tests.browser import tools
from tests.browser.helpers import ANIMATOR, MEMBER, log_in
from tests.browser.test_accessibility import AXE_TAGS, describe_violations
from tests.crawl import crawler

ACCOUNTS = {"anonymous": None, "member": MEMBER, "animator": ANIMATOR}
# Wagtail's own admin is Wagtail's to audit; the crawl reaches its front page only.
NOT_OURS = ("/admin/",)


def sampled_urls(request) -> dict[str, list[str]]:
    """Each role's sample, pages already audited for a previous role left out."""
    found = request.config.stash.get(crawler.CRAWLS, None) or {}
    seen: set[str] = set()
    samples = {}
    for role in crawler.ROLES:
        urls = found.get(role) or [page.url for page in crawler.crawl_as(role).sample()]
        samples[role] = [
            url for url in urls if crawler.shape(url) not in seen and not url.startswith(NOT_OURS)
        ]
        seen |= {crawler.shape(url) for url in urls}
    return samples


def test_axe_finds_no_violation_on_any_kind_of_page_the_crawl_reached(browser, server, request):
    axe = tools.axe_js()
    failures, audited = [], 0
    for role, urls in sampled_urls(request).items():
        context = browser.new_context(locale="fr-FR", bypass_csp=True)
        page = context.new_page()
        try:
            if ACCOUNTS[role]:
                log_in(page, lambda path: server.url + path, ACCOUNTS[role])
            for url in urls:
                response = page.goto(server.url + url)
                assert response.status == 200, f"{role} {url}: HTTP {response.status}"
                page.add_script_tag(path=str(axe))
                results = page.evaluate(
                    "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
                )
                audited += 1
                if results["violations"]:
                    failures.append(f"{role} {url}:\n{describe_violations(results['violations'])}")
        finally:
            context.close()
    print(f"\naxe: {audited} pages")
    assert audited >= 20
    assert not failures, "\n".join(failures)
