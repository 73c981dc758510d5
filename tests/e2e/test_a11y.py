"""An axe-core accessibility audit of every tab, for a drawn digit: no critical and no serious violations."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from testkit.chromium import ANSWER_MS, FIRST_LOAD_MS, check_clean, draw_with_mouse, prediction, settled

BLOCKING = ("critical", "serious")


def audit(page: Page) -> list[str]:
    """'rule (impact): first offending element' for each critical or serious violation on the page now."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['target']} and {len(v['nodes']) - 1} more"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def test_every_tab_passes_an_axe_audit(page: Page):
    expect(page.get_by_text("Draw a digit from 0 to 9")).to_be_visible(timeout=FIRST_LOAD_MS)
    found = {"empty page": audit(page)}
    draw_with_mouse(page, 4)
    expect(prediction(page)).to_have_text("4", timeout=ANSWER_MS)
    tabs = page.get_by_role("tab").all_inner_texts()
    assert len(tabs) >= 10
    for title in tabs:
        page.get_by_role("tab", name=title, exact=True).click()
        settled(page)
        expect(page.get_by_role("tab", name=title, exact=True)).to_have_attribute("aria-selected", "true")
        # A tab still computing shows a spinner while Streamlit fades the rest as stale (low contrast on
        # purpose): audit the page it settles to, not the wait.
        expect(page.get_by_test_id("stSpinner")).to_have_count(0, timeout=FIRST_LOAD_MS)
        settled(page)
        page.wait_for_timeout(500)  # charts draw after the run ends
        found[title] = audit(page)
    problems = {where: rules for where, rules in found.items() if rules}
    assert problems == {}, "\n".join(f"{where}: {rules}" for where, rules in problems.items())
    check_clean(page)
