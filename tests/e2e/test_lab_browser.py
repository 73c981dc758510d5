"""The classroom lab tabs in Chromium: a drawn digit and a gallery digit, one interaction per feature."""

import numpy as np
from playwright.sync_api import Page, expect

from lenet import viz
from testkit.chromium import (
    ANSWER_MS,
    LAB_MS,
    check_clean,
    choose_source,
    draw_with_mouse,
    idle,
    metric,
    multiselect,
    open_tab,
    prediction,
    screenshot,
)
from ui.tabs import TABS

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LABS = [tab for tab in TABS if tab.module.startswith("lab_")]
TAB_OF = {tab.module: tab for tab in TABS}


def slider(page: Page, label: str):
    """The thumb of the slider with this label (keyboard-driven: arrows, Home, End)."""
    return page.get_by_test_id("stSlider").filter(has=page.get_by_text(label)).get_by_role("slider")


def press(page: Page, thumb, key: str, times: int = 1) -> None:
    """Press a key on a focused control `times` times, then wait for the app."""
    thumb.focus()
    for _ in range(times):
        thumb.press(key)
    idle(page)


def download_is_png(page: Page, name: str) -> None:
    """Click the download button under the figure saved as `name`, and check a PNG arrives."""
    button = page.locator(f".st-key-download_{name.replace('.', '-')} button")  # the widget key, as a class
    with page.expect_download(timeout=ANSWER_MS) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == name
    with open(download.path(), "rb") as file:
        assert file.read(8) == PNG_SIGNATURE


def visit_unit(page: Page, label: str, interact: bool) -> None:
    expect(page.get_by_text("The hand computation equals the network's value")).to_be_visible()
    if not interact:
        return
    layer = page.get_by_test_id("stRadio").filter(has=page.get_by_text("Layer", exact=True))
    layer.get_by_text("C3", exact=True).click()
    idle(page)
    expect(page.get_by_role("heading", name="C3, map 0, row 5, column 5")).to_be_visible(timeout=LAB_MS)
    press(page, slider(page, "Map (0–15)"), "End")
    expect(page.get_by_role("heading", name="C3, map 15, row 5, column 5")).to_be_visible(timeout=LAB_MS)
    expect(page.get_by_text("The hand computation equals the network's value")).to_be_visible()
    download_is_png(page, "lab_unit_products.png")


def visit_c3(page: Page, label: str, interact: bool) -> None:
    expect(page.get_by_text("C3·0 reads S2 maps 0, 1, 2")).to_be_visible()
    expect(page.get_by_text("What flows into C3·0")).to_be_visible()
    if not interact:
        return
    press(page, slider(page, "C3 map"), "ArrowRight", 12)
    expect(page.get_by_text("C3·12 reads S2 maps 0, 1, 3, 4")).to_be_visible(timeout=LAB_MS)
    expect(page.get_by_text("What flows into C3·12")).to_be_visible()


def visit_invariance(page: Page, label: str, interact: bool) -> None:
    expect(metric(page, "Prediction")).to_have_text(label)
    expect(page.get_by_role("heading", name=f"Where does {label} stop being the answer?")).to_be_visible()
    if not interact:
        return
    press(page, slider(page, "Rotate"), "End")
    press(page, slider(page, "Shift right"), "End")
    expect(page.get_by_text("The prediction changed from")).to_be_visible(timeout=LAB_MS)
    screenshot(page, "lab_invariance_moved")
    page.get_by_role("button", name="Reset sliders").click()
    idle(page)
    expect(metric(page, "Prediction")).to_have_text(label, timeout=LAB_MS)
    expect(page.get_by_text("The prediction changed from")).to_have_count(0)


def visit_lesion(page: Page, label: str, interact: bool) -> None:
    expect(page.get_by_text("Nothing is switched off yet")).to_be_visible()
    expect(metric(page, "Lesioned network")).to_have_text(label)
    if not interact:
        return
    multiselect(page, "Silence C1 maps", [f"C1·{k}" for k in range(6)])
    expect(page.get_by_text("C3 maps that changed: C3·0, C3·1")).to_be_visible(timeout=LAB_MS)
    download_is_png(page, "lab_lesion_probabilities.png")  # the first picture's download, after two reruns
    expect(page.get_by_text(f"The answer changed from {label}")).to_be_visible(timeout=LAB_MS)
    screenshot(page, "lab_lesion_damaged")
    page.get_by_role("button", name="Reset (heal the network)").click()
    idle(page)
    expect(page.get_by_text("Nothing is switched off yet")).to_be_visible(timeout=LAB_MS)
    expect(metric(page, "Lesioned network")).to_have_text(label)


def visit_why(page: Page, label: str, interact: bool) -> None:
    expect(metric(page, "Answer")).to_have_text(label)
    expect(metric(page, "Runner-up")).not_to_have_text(label)
    expect(page.get_by_text(f"Drop in P({label}) when covered")).to_be_visible()
    download_is_png(page, "lab_why_occlusion.png")
    expect(page.get_by_text(f"Gradient × input for {label}")).to_be_visible(timeout=LAB_MS)


def visit_untrained(page: Page, label: str, interact: bool) -> None:
    expect(metric(page, "Trained network says")).to_have_text(label)
    expect(metric(page, "Untrained network says")).to_be_visible()


def visit_lesson(page: Page, label: str, interact: bool) -> None:
    expect(page.get_by_role("heading", name="About")).to_be_visible()
    expect(page.get_by_text("60,850 trainable parameters")).to_be_visible()
    expect(page.get_by_test_id("stMarkdownContainer").locator(".katex").first).to_be_visible()


def visit_learn(page: Page, label: str, interact: bool) -> None:
    # Starting a run is tested in test_learn_browser.py (its own server and run folder); here: ready to start.
    expect(page.get_by_role("button", name="Start", exact=True)).to_be_enabled()
    expect(page.get_by_role("button", name="Cancel", exact=True)).to_be_disabled()


VISITS = {
    "lab_unit": visit_unit,
    "lab_c3": visit_c3,
    "lab_invariance": visit_invariance,
    "lab_lesion": visit_lesion,
    "lab_why": visit_why,
    "lab_untrained": visit_untrained,
    "lab_learn": visit_learn,
    "lab_lesson": visit_lesson,
}


def no_visit(page: Page, label: str, interact: bool) -> None:
    """A lab tab without a visit of its own: opening it (its heading shown) and a clean page are the check."""


def tour(page: Page, label: str, name: str, interact: bool) -> None:
    """Open every lab tab of ui/tabs.py in turn, check what it shows (and try its controls), and screenshot it."""
    assert set(VISITS) <= {tab.module for tab in LABS}, "a visit here for a tab that ui/tabs.py no longer lists"
    for tab in LABS:
        open_tab(page, tab)
        VISITS.get(tab.module, no_visit)(page, label, interact)
        screenshot(page, f"lab_{name}_{tab.title.split()[0].lower().strip('?')}")
        check_clean(page)


def test_every_lab_works_on_a_drawn_digit(page: Page):
    draw_with_mouse(page, 7)
    expect(prediction(page)).to_have_text("7", timeout=ANSWER_MS)
    tour(page, "7", "drawn", interact=True)


def test_every_lab_works_on_a_gallery_digit_the_model_got_wrong(page: Page):
    choose_source(page, "Gallery")
    page.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="Only 3s").click()
    expect(page.get_by_text("MNIST label 3")).to_be_visible(timeout=ANSWER_MS)
    page.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="The model got these wrong").click()
    expect(page.get_by_text("the default model said")).to_be_visible(timeout=ANSWER_MS)
    first = page.get_by_text("the default model said").inner_text()
    press(page, slider(page, "Example"), "ArrowRight")  # the second digit of the set
    expect(page.get_by_text("the default model said")).not_to_have_text(first, timeout=ANSWER_MS)
    caption = page.get_by_text("the default model said").inner_text()
    said = caption.rsplit(" ", 1)[-1]
    expect(prediction(page)).to_have_text(said, timeout=ANSWER_MS)
    tour(page, said, "gallery", interact=False)  # the controls were tried on the drawn digit


def test_uploads_without_a_digit_are_refused_with_a_clear_message(page: Page):
    choose_source(page, "Upload")
    chooser = page.locator("input[type=file]")
    blank = viz.to_png_bytes(np.full((200, 200, 3), 255, np.uint8))
    chooser.set_input_files(files=[{"name": "blank.png", "mimeType": "image/png", "buffer": blank}])
    expect(page.get_by_text("No digit found")).to_be_visible(timeout=ANSWER_MS)
    why = TAB_OF["lab_why"]
    page.get_by_role("tab", name=why.title, exact=True).click()  # a lab without a digit says what to do
    expect(page.get_by_text(why.hint)).to_be_visible(timeout=LAB_MS)
    huge = b"\x89PNG" + bytes(21 * 2**20)  # over lenet.image_file.MAX_BYTES
    chooser.set_input_files(files=[{"name": "huge.png", "mimeType": "image/png", "buffer": huge}])
    expect(page.get_by_text("over the limit")).to_be_visible(timeout=LAB_MS)
    expect(page.get_by_text(why.hint)).to_be_visible()
    screenshot(page, "lab_upload_refused")
    check_clean(page)


def change_lesion(page: Page) -> None:
    multiselect(page, "Silence C1 maps", ["C1·0", "C1·1"])
    expect(page.get_by_text("C3 maps that changed: C3·0, C3·1")).to_be_visible(timeout=LAB_MS)
    download_is_png(page, "lab_lesion_probabilities.png")  # the first picture's download, after two reruns


def change_unit(page: Page) -> None:
    press(page, slider(page, "Map (0–5)"), "End")
    expect(page.get_by_role("heading", name="C1, map 5, row 14, column 14")).to_be_visible(timeout=LAB_MS)


def change_invariance(page: Page) -> None:
    press(page, slider(page, "Rotate"), "End")


def change_c3(page: Page) -> None:
    press(page, slider(page, "C3 map"), "End")
    expect(page.get_by_text("C3·15 reads S2 maps 0, 1, 2, 3, 4, 5")).to_be_visible(timeout=LAB_MS)


# The lab tabs with controls: a change reruns app.py's stroke fragment, whose pictures went missing (issue: 404).
CHANGES = {
    "lab_lesion": change_lesion,
    "lab_c3": change_c3,
    "lab_unit": change_unit,
    "lab_invariance": change_invariance,
}


def pictures_load(page: Page, module: str, missing: list[str]) -> None:
    """Every picture of the open tab has loaded (naturalWidth > 0: a 404 leaves a broken image of width 0), and
    none is one whose /media/ request answered 404."""
    images = page.locator("[role=tabpanel]:visible img")
    expect(images.first).to_be_visible(timeout=LAB_MS)
    page.wait_for_function(  # loaded or failed, each one
        "() => [...document.querySelectorAll('[role=tabpanel] img')].every(i => i.complete)", timeout=LAB_MS
    )
    widths = images.evaluate_all("imgs => imgs.map(i => i.naturalWidth)")
    assert widths and all(w > 0 for w in widths), f"{module}: broken pictures, natural widths {widths}"
    shown = set(images.evaluate_all("imgs => imgs.map(i => i.src)"))
    assert not shown & set(missing), f"{module}: pictures on the page whose request answered 404"


def test_pictures_load_after_changing_a_lab_tabs_controls(page: Page):
    """Changing a lab tab's controls reruns it; its pictures must still load. Lesion's multiselect (one run per
    pick) must cause no /media/ 404 at all. A slider may run several times as it moves: a picture of a run that
    the next run replaced before the page fetched it may answer 404 (Streamlit's media files), but never one
    that stays on the page."""
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if "/media/" in r.url and r.status == 404 else None)
    draw_with_mouse(page, 7)
    expect(prediction(page)).to_have_text("7", timeout=ANSWER_MS)
    for module, change in CHANGES.items():
        open_tab(page, TAB_OF[module])
        change(page)
        pictures_load(page, module, missing)
        if module == "lab_lesion":
            assert missing == [], f"/media/ requests that answered 404 on Lesion: {missing}"
