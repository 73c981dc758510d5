"""bench/harness/server.py: a server runs from its script's own working tree, so a baseline in another
worktree reads that tree's .streamlit/config.toml, not this one's."""

from bench.harness.server import tree_of
from testkit import ROOT


def test_a_script_runs_from_its_own_tree(tmp_path):
    other = tmp_path / "base"
    (other / "ui").mkdir(parents=True)
    (other / ".git").write_text("gitdir: /elsewhere\n")  # a worktree's .git is a file
    (other / "app.py").write_text("")
    assert tree_of(str(other / "app.py")) == other
    assert tree_of("app.py") == ROOT
    assert tree_of("bench/harness/bare_app.py") == ROOT


def test_a_lone_script_runs_from_this_tree(tmp_path):
    lone = tmp_path / "app_before.py"
    lone.write_text("")
    assert tree_of(str(lone)) == ROOT  # (unless tmp is inside a git tree: pytest's tmp_path is not)
