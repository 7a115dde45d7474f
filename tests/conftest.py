"""Shared test set-up: learner state goes to a throw-away OBM_HOME, never to ~/.obm."""

import os
import tempfile

import pytest

# Set before any kernel starts (nbval's kernels inherit this process's environment).
os.environ["OBM_HOME"] = tempfile.mkdtemp(prefix="obm-home-tests-")
# Deliverables written by lessons and solutions go to a throw-away folder, not livrables/.
os.environ["OBM_LIVRABLES"] = tempfile.mkdtemp(prefix="obm-livrables-tests-")
# The tests judge the form only (the mode of a graded cohort), whatever the developer's set-up.
os.environ["OBM_MODE"] = "cohorte"
os.environ.setdefault("MPLBACKEND", "agg")



@pytest.fixture
def obm_home(tmp_path, monkeypatch):
    """A fresh, empty OBM_HOME for one test."""
    dossier = tmp_path / "obm_home"
    monkeypatch.setenv("OBM_HOME", str(dossier))
    return dossier


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Keep every notebook's cells on one xdist worker (nbval runs them in order, in one kernel).

    `make test` distributes with `--dist loadgroup`: the cells of a notebook share a group named
    after the file, the invariants of an exercise share the group of that exercise, and every
    other test shares the group of its test file (as `--dist loadscope` did: a module-scoped
    fixture is built once).
    """
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(f"fichier-{item.nodeid.split('::')[0]}"))
    if getattr(config.option, "loadgroup", False):  # set in xdist's workers under --dist loadgroup
        _suffixe_de_groupe(items)


def _suffixe_de_groupe(items):
    """Write each item's group into its node id (« nodeid@group »), as xdist's worker means to.

    xdist 3.8 does it by assigning ``item._nodeid``, which pytest 9 no longer reads (the node id
    now lives in ``item._id``): without this, the scheduler saw no group at all, a notebook's
    cells could be spread over both workers and run in two kernels (« NameError » on a name the
    notebook defines), and an exercise's invariants could be graded on both workers. The
    scheduler reads the part after the last « @ ».
    """
    from _pytest.nodeid import coerce_node_id

    for item in items:
        noms = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                       for m in item.iter_markers("xdist_group")})
        if noms and "@" not in item.nodeid:
            item._id = coerce_node_id(f"{item.nodeid}@{'_'.join(noms)}")
