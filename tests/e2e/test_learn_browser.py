"""Watch it learn in Chromium: start a real run, watch its progress and the drawing's answer, cancel,
then pick the "Trained in class" model and read a drawing with it. Its own server and run folder."""

import pytest
from playwright.sync_api import Page, expect

from testkit import ARTIFACTS
from testkit.chromium import (
    FIRST_LOAD_MS,
    check_clean,
    draw_with_mouse,
    prediction,
    screenshot,
    settled,
)
from testkit.servers import live_app
from train.live import CANCEL

RUN_MS = 180_000  # the worker imports TensorFlow and traces its first step on a busy machine


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """This module's own app server, training into a temporary folder (overrides conftest's app_url)."""
    folder = tmp_path_factory.mktemp("live")
    # Its own class store: a class left active in data/classes.db would let only its teacher press Start.
    env = {"LENET_LIVE_DIR": str(folder), "LENET_CLASS_DB": f"sqlite:///{folder / 'classes.db'}"}
    with live_app(ARTIFACTS / "streamlit_learn.log", env=env) as url:
        yield url
        (folder / CANCEL).touch()  # a run still going stops at its next step


def test_watch_a_run_cancel_it_and_use_the_trained_in_class_model(page: Page):
    draw_with_mouse(page, 7)
    expect(prediction(page)).to_have_text("7", timeout=FIRST_LOAD_MS)
    page.get_by_role("tab", name="Watch it learn").click()
    expect(page.get_by_text("No training run yet")).to_be_visible(timeout=FIRST_LOAD_MS)
    page.get_by_role("button", name="Start", exact=True).click()
    bar = page.get_by_test_id("stProgress")
    expect(bar).to_contain_text("Starting", timeout=FIRST_LOAD_MS)
    expect(bar).to_contain_text("about", timeout=RUN_MS)  # a step done: the ETA is known
    expect(page.get_by_text("The network in training says")).to_be_visible(timeout=RUN_MS)
    expect(page.get_by_role("heading", name="The six C1 kernels as they learn")).to_be_visible()
    model_choice = page.get_by_role("radiogroup", name="Model").get_by_text("Trained in class")
    expect(model_choice).to_be_visible()  # listed as soon as the first network is saved, mid-run
    page.get_by_role("button", name="Cancel", exact=True).click()
    expect(bar).to_contain_text("Cancelled at step", timeout=RUN_MS)
    screenshot(page, "learn_cancelled")
    model_choice.click()
    settled(page)
    page.get_by_role("tab", name="Prediction").click()
    expect(prediction(page)).to_be_visible(timeout=FIRST_LOAD_MS)
    assert prediction(page).inner_text().strip() in {str(d) for d in range(10)}
    check_clean(page)
