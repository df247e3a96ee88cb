"""notebooks/explore.ipynb runs end to end on the bundled corpus and shows non-empty tables.

The notebook is executed with nbclient in a "python3" Jupyter kernel.  CI registers that
kernel beforehand (``python -m ipykernel install --user --name python3``, see ``.ci/run``);
when no such kernelspec exists, or it starts a different interpreter than the one running
the tests (which has the project's dependencies), a temporary "python3" kernelspec pointing
to ``sys.executable`` is used instead — the test never skips for want of a kernel.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NB_DIR = ROOT / "notebooks"
NOTEBOOK = NB_DIR / "explore.ipynb"
KERNEL = "python3"
TIMEOUT = 300

#: Cells (by tag) that must display a non-empty DataFrame.
TABLE_CELLS = ["table-sizes", "visits", "visits-per-year", "host-types", "hosts-voivodeship",
               "who-visits-whom", "topics", "topics-over-time", "hosts-visits", "people"]
#: Cells (by tag) that must display a PNG figure.
PLOT_CELLS = ["plot-map", "plot-timeline", "plot-host-types", "plot-host-types-voivodeship",
              "plot-who-visits-whom", "plot-topics", "plot-topics-over-time"]
#: Where the executed notebook's figures are saved for a reviewer to open.
FIGURES = Path(os.environ.get("WIZYTY_NOTEBOOK_FIGURES", ROOT / "build" / "notebook-figures"))


def _same_interpreter(argv0: str) -> bool:
    """jupyter_client replaces a bare ``python``/``python3``/``python3.X`` by sys.executable."""
    v = sys.version_info
    if argv0 in {"python", f"python{v[0]}", f"python{v[0]}.{v[1]}"}:
        return True
    try:
        return os.path.samefile(argv0, sys.executable)
    except OSError:
        return False


def _kernel_spec_manager(tmp_dir: Path, force_temporary: bool = False) -> KernelSpecManager | None:
    """None to use the installed "python3" kernel, else a manager with a temporary one."""
    if not force_temporary:
        try:
            spec = KernelSpecManager().get_kernel_spec(KERNEL)
            if spec.argv and _same_interpreter(spec.argv[0]):
                return None
        except NoSuchKernel:
            pass
    kdir = tmp_dir / "kernels" / KERNEL
    kdir.mkdir(parents=True, exist_ok=True)
    (kdir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (tests)",
        "language": "python",
    }), encoding="utf-8")
    return KernelSpecManager(kernel_dirs=[str(tmp_dir / "kernels")], ensure_native_kernel=False)


def execute_notebook(cwd: Path, tmp_dir: Path, force_temporary_kernel: bool = False):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    ksm = _kernel_spec_manager(tmp_dir, force_temporary_kernel)
    km = KernelManager(kernel_name=KERNEL, kernel_spec_manager=ksm) if ksm is not None else None
    client = nbclient.NotebookClient(nb, km=km, kernel_name=KERNEL, timeout=TIMEOUT,
                                     resources={"metadata": {"path": str(cwd)}})
    client.execute()  # raises CellExecutionError when a cell fails (incl. its asserts)
    return nb


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    nb = execute_notebook(NB_DIR, tmp_path_factory.mktemp("kernel"))
    save_figures(nb, FIGURES)
    return nb


def save_figures(nb, folder: Path) -> list[Path]:
    """Every PNG the notebook displayed, as ``<cell tag>.png`` (``cell-N.png`` untagged)."""
    import base64

    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for k, cell in enumerate(nb.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        pngs = [o.data["image/png"] for o in cell.get("outputs", [])
                if o.output_type in ("execute_result", "display_data") and "image/png" in o.data]
        for j, png in enumerate(pngs):
            name = (tags[0] if tags else f"cell-{k}") + (f"-{j + 1}" if j else "") + ".png"
            (folder / name).write_bytes(base64.b64decode(png))
            saved.append(folder / name)
    return saved


def _cell(nb, tag: str):
    found = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(found) == 1, f"expected one cell tagged {tag!r}, found {len(found)}"
    return found[0]


def _results(cell) -> list[dict]:
    return [o for o in cell.outputs if o.output_type in ("execute_result", "display_data")]


def test_committed_notebook_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, \
                "commit the notebook with outputs cleared"


def test_runs_without_errors(executed):
    for cell in executed.cells:
        if cell.cell_type != "code":
            continue
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source[:200]
        for o in cell.outputs:
            if o.output_type == "stream" and o.name == "stderr":
                assert "Traceback" not in o.text, o.text


@pytest.mark.parametrize("tag", TABLE_CELLS)
def test_cell_shows_non_empty_table(executed, tag):
    results = _results(_cell(executed, tag))
    assert results, f"cell {tag!r} displayed nothing"
    html = results[-1].data.get("text/html", "")
    assert "<table" in html, f"cell {tag!r} did not display a DataFrame"
    body = html.split("<tbody>", 1)[-1]
    assert "<tr" in body and "<td" in body, f"cell {tag!r} displayed an empty table"
    assert "Empty DataFrame" not in results[-1].data.get("text/plain", "")


@pytest.mark.parametrize("tag", PLOT_CELLS)
def test_cell_shows_plot(executed, tag):
    results = _results(_cell(executed, tag))
    assert any("image/png" in o.data and len(o.data["image/png"]) > 1000 for o in results), \
        f"cell {tag!r} did not display a figure"


def test_figures_are_saved_for_review(executed):
    for tag in PLOT_CELLS:
        png = FIGURES / f"{tag}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png


def test_no_backend_forced_on_the_user():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "matplotlib.use(" not in source and "%matplotlib" not in source


def test_runs_from_repo_root_with_temporary_kernelspec(tmp_path):
    """The notebook finds the corpus whether the kernel starts in notebooks/ or the repo root;
    this run also exercises the fallback kernelspec (sys.executable) end to end."""
    nb = execute_notebook(ROOT, tmp_path, force_temporary_kernel=True)
    html = _results(_cell(nb, "host-types"))[-1].data.get("text/html", "")
    assert "<td" in html


def test_temporary_kernelspec_points_to_this_interpreter(tmp_path, monkeypatch):
    """Without any registered kernel, the fallback spec starts sys.executable."""
    monkeypatch.setattr(KernelSpecManager, "get_kernel_spec",
                        lambda self, name: (_ for _ in ()).throw(NoSuchKernel(name)))
    ksm = _kernel_spec_manager(tmp_path)
    assert ksm is not None
    monkeypatch.undo()
    spec = ksm.get_kernel_spec(KERNEL)
    assert spec.argv[0] == sys.executable
    assert shutil.which(spec.argv[0]) or Path(spec.argv[0]).exists()
