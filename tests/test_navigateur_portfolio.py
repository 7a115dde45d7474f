"""The portfolio in a real browser (Chromium), built from a full run of the course's solutions.

- Every lesson and every solution notebook of the published modules runs with nbclient (two at a
  time, the machine has two cores) in a temporary folder, with OBM_HOME and OBM_LIVRABLES there
  too: the deliverables are the ones a learner who did the whole course has. Her two clicks on
  « Enregistrer » (start and end self-assessments) are recorded in OBM_HOME as the widget does;
  then the portfolio notebook runs, a presentation written in its cell.
- The page opens from ``file://`` with the network cut (every request that is not ``file:`` or
  ``data:`` is refused and counted): no request leaves, every image is loaded (naturalWidth > 0),
  a full-page screenshot is kept (artefacts/navigateur/13_portfolio_page_entiere.png), and its
  top (13_portfolio.png; with OBM_CAPTURES_README=1, docs/captures/13_portfolio.png for the
  README), then the print rendering
  (``emulate_media(media="print")``): white background, one module per page.

- In JupyterLab, the portfolio notebook runs through; its end-of-course self-assessment starts
  from her last one, and « Enregistrer », after a slider moved from the keyboard, writes
  livrables/21_radar_competences_fin.png and never the module 00 radar.

Outside CI, the module skips when Chromium or Playwright is missing; under CI=true it fails.
"""

from __future__ import annotations

import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

import navigateur_outils as no
from obm.syllabus import charger
from test_navigateur import executer_tout, ouvrir, page, sans_erreur  # noqa: F401 (page: a fixture)

RACINE = Path(__file__).resolve().parents[1]
SYLLABUS = charger(RACINE / "course" / "syllabus.toml")
PORTFOLIO = RACINE / "course" / "modules" / "21_projet_final" / "portfolio.ipynb"
DELAI = 30_000
PRESENTATION = (
    "Je suis **Online Business Manager**, ancienne assistante virtuelle. J'accompagne les "
    "coachs et formatrices en ligne qui lancent un programme : je planifie le lancement à "
    "rebours, je coordonne l'équipe et je tiens le budget. Cette page montre ce que j'ai "
    "construit pendant l'Académie OBM : un rétroplanning, un tableau de bord, un budget. "
    "Je cherche une entrepreneuse qui veut une copilote, pas seulement une exécutante.")


def _executer(source: str, travail: str) -> tuple[str, float]:
    """Runs one notebook in its own copy of its folder (a worker process of the pool)."""
    from nbclient import NotebookClient

    source, travail = Path(source), Path(travail)
    shutil.copytree(source.parent, travail, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    notebook = nbformat.read(travail / source.name, as_version=4)
    debut = time.monotonic()
    NotebookClient(notebook, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(travail)}}).execute()
    return str(source.relative_to(RACINE)), time.monotonic() - debut


def notebooks_du_cours() -> list[Path]:
    """The lessons and solutions of the published modules (the portfolio itself runs last)."""
    chemins = []
    for module in SYLLABUS.publies:
        chemins += [RACINE / "course" / "modules" / module.id / n for n in module.lecons
                    if n != PORTFOLIO.name]
        chemins += [RACINE / "solutions" / module.id / n for n in module.exercices]
    return chemins


def _notes(base: int) -> dict[str, int]:
    return {code: min(5, base + (i % 3 == 0)) for i, code in enumerate(SYLLABUS.competences)}


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    """A learner's livrables/ after the whole course, and her portfolio built by its notebook."""
    no.chromium()
    no.exiger_playwright()
    dossier = tmp_path_factory.mktemp("portfolio")
    anciens = {k: os.environ.get(k) for k in ("OBM_HOME", "OBM_LIVRABLES")}
    os.environ["OBM_HOME"] = str(dossier / "obm_home")
    os.environ["OBM_LIVRABLES"] = str(dossier / "livrables")
    try:
        from obm import autoevaluation

        # Her click on « Enregistrer » in lesson 00 (nbclient runs cells, it does not click).
        autoevaluation.enregistrer(_notes(1), quand=datetime(2027, 1, 11, 9, 30))
        debut = time.monotonic()
        with ProcessPoolExecutor(max_workers=2) as pool:
            travaux = [pool.submit(_executer, str(chemin), str(dossier / "travail" / f"{i:02d}"))
                       for i, chemin in enumerate(notebooks_du_cours())]
            durees = [t.result() for t in travaux]
        duree_cours = time.monotonic() - debut

        # Her end-of-course self-assessment, then her presentation in the portfolio's cell.
        autoevaluation.enregistrer(_notes(3), quand=datetime(2027, 6, 28, 17, 0))
        travail = dossier / "travail" / "portfolio"
        travail.mkdir(parents=True)
        notebook = nbformat.read(PORTFOLIO, as_version=4)
        cellule = next(c for c in notebook.cells if c.get("id") == "presentation_code")
        assert 'ma_presentation = "..."' in cellule.source
        cellule.source = f"ma_presentation = {PRESENTATION!r}"
        nbformat.write(notebook, travail / PORTFOLIO.name)
        debut_portfolio = time.monotonic()
        from nbclient import NotebookClient

        NotebookClient(notebook, timeout=180, kernel_name="python3",
                       resources={"metadata": {"path": str(travail)}}).execute()
        duree_portfolio = time.monotonic() - debut_portfolio
    finally:
        for cle, valeur in anciens.items():
            if valeur is None:
                os.environ.pop(cle, None)
            else:
                os.environ[cle] = valeur
    no.ARTEFACTS.mkdir(parents=True, exist_ok=True)
    lentes = sorted(durees, key=lambda d: -d[1])[:5]
    livrables = dossier / "livrables"
    (no.ARTEFACTS / "13_portfolio_temps.txt").write_text(
        f"{len(durees)} notebooks du cours en {duree_cours:.0f} s (2 à la fois) ; "
        f"notebook du portfolio : {duree_portfolio:.1f} s ; page : "
        f"{(livrables / '21_portfolio.html').stat().st_size / 1e6:.2f} Mo, PDF : "
        f"{(livrables / '21_portfolio.pdf').stat().st_size / 1e6:.2f} Mo\n"
        + "".join(f"  {nom} : {s:.1f} s\n" for nom, s in lentes), encoding="utf-8")
    return {"livrables": livrables, "html": livrables / "21_portfolio.html",
            "notebook": notebook, "duree_cours": duree_cours}


class _Liens(HTMLParser):
    def __init__(self):
        super().__init__()
        self.adresses: list[tuple[str, str, str]] = []
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributs = dict(attrs)
        for nom in ("href", "src"):
            if attributs.get(nom) is not None:
                self.adresses.append((tag, nom, attributs[nom]))
        if tag == "img":
            self.images.append(attributs)


def test_le_portfolio_rassemble_le_cours_execute(portfolio):
    """After the whole course, does the portfolio show every published module's deliverables,
    both radars, only links to her own files, and no address outside the page?"""
    page = portfolio["html"].read_text(encoding="utf-8")
    lecteur = _Liens()
    lecteur.feed(page)
    for tag, nom, adresse in lecteur.adresses:
        morceaux = urlsplit(adresse)
        if adresse.startswith("data:image/png;base64,"):
            continue
        assert not morceaux.scheme and not morceaux.netloc and not adresse.startswith("/"), adresse
        if adresse.startswith("#"):
            continue
        cible = portfolio["livrables"] / unquote(morceaux.path)
        assert cible.is_file() and cible.resolve().parent == portfolio["livrables"].resolve(), adresse
    assert lecteur.images and all(i["src"].startswith("data:image/png;base64,") and i.get("alt")
                                  for i in lecteur.images)
    for module in SYLLABUS.publies:
        for nom in module.livrables:
            if nom not in ("21_portfolio.html", "21_portfolio.pdf"):  # the page and its PDF
                assert f'href="{nom}"' in page, (module.id, nom)
    assert "00_radar_competences.png" in page and "21_radar_competences_fin.png" in page
    assert (portfolio["livrables"] / "21_portfolio.pdf").stat().st_size > 0
    assert "Online Business Manager</strong>, ancienne assistante virtuelle" in page
    sorties = "".join(str(o.get("data", {}).get("text/markdown", ""))
                      for c in portfolio["notebook"].cells if c.cell_type == "code"
                      for o in c.get("outputs", []))
    assert "Ton portfolio est prêt" in sorties


@pytest.fixture(scope="module")
def navigateur():
    with no.chromium_lance() as navigateur:
        yield navigateur


def test_portfolio_hors_ligne_dans_chromium(portfolio, navigateur):
    """Opened from file:// with the network cut, does the page send no request, load every
    image, and print on white with one module per page?"""
    contexte = navigateur.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    refusees, parties = [], []

    def filtrer(route):
        adresse = route.request.url
        if adresse.startswith(("file:", "data:")):
            route.continue_()
        else:
            refusees.append(adresse)
            route.abort()

    contexte.route("**/*", filtrer)
    page = contexte.new_page()
    page.set_default_timeout(DELAI)
    page.on("request", lambda requete: parties.append(requete.url))
    try:
        page.goto(portfolio["html"].as_uri(), wait_until="load")
        assert page.evaluate("document.documentElement.lang") == "fr"
        largeurs = page.evaluate(
            "Array.from(document.images).map(i => [i.alt, i.complete && i.naturalWidth])")
        assert len(largeurs) >= 4, largeurs
        assert all(largeur and largeur > 0 for _, largeur in largeurs), largeurs
        assert page.locator("h1").inner_text() == "Mon portfolio d'Online Business Manager"
        no.capture(page, "13_portfolio_page_entiere", pleine_page=True)
        # The README shows the top of the page (the whole page is some twenty screens long).
        page.set_viewport_size({"width": 1280, "height": 1600})
        no.capture(page, "13_portfolio", readme=True)

        page.emulate_media(media="print")
        fond = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert fond in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), fond
        sauts = page.evaluate("Array.from(document.querySelectorAll('section.module'))"
                              ".map(s => getComputedStyle(s).breakBefore)")
        assert sauts and set(sauts) == {"page"}, sauts
        assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
        no.capture(page, "13_portfolio_impression", pleine_page=True)
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > len(sauts)
    finally:
        contexte.close()
    assert not refusees, f"requêtes réseau refusées : {refusees[:5]}"
    assert all(a.startswith(("file:", "data:")) for a in parties), parties[:5]


serveur = no.fixture_serveur("21p")


def test_autoevaluation_de_fin_dans_jupyterlab(page, serveur, monkeypatch):
    """In the portfolio notebook, does the form start from her last self-assessment, and does
    « Enregistrer », after one slider moved from the keyboard, keep a second self-assessment and
    write the end radar, the module 00 radar untouched?"""
    from playwright.sync_api import expect

    from obm import autoevaluation

    monkeypatch.setenv("OBM_HOME", str(serveur.obm_home))
    autoevaluation.enregistrer({code: 2 for code in SYLLABUS.competences},
                               quand=datetime(2027, 1, 11, 9, 30))
    ouvrir(page, serveur, PORTFOLIO.relative_to(RACINE).as_posix())
    executer_tout(page)
    sans_erreur(page)
    widget = page.locator(".jupyter-widgets.widget-vbox", has_text="Échelle").first
    expect(widget.locator(".widget-slider")).to_have_count(18)
    expect(widget.locator(".widget-readout").first).to_have_text("2")
    expect(page.locator(".jp-OutputArea-output", has_text="Ton portfolio est prêt")).to_have_count(1)

    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    widget.locator(".noUi-handle").first.press("ArrowRight")
    expect(widget.locator(".widget-readout").first).to_have_text("3")
    widget.locator("button", has_text="Enregistrer").click()
    message = widget.locator(".obm-autoevaluation-message")
    expect(message).to_contain_text("Autoévaluation enregistrée")
    expect(message).to_contain_text("21_radar_competences_fin.png")
    no.capture(page, "21p_autoevaluation_fin")

    toutes = autoevaluation.historique()
    assert len(toutes) == 2 and toutes[-1]["notes"]["GP1"] == 3
    livrables = serveur.cours / "livrables"
    assert (livrables / "21_radar_competences_fin.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not (livrables / "00_radar_competences.png").exists()
