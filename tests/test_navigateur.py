"""End to end, in a real browser: does the course work for a learner (and a trainer) in JupyterLab?

One JupyterLab for the whole module, on a temporary copy of the course, driven through Debian's
Chromium by Playwright. Each step leaves a screenshot in artefacts/navigateur/; with
OBM_CAPTURES_README=1, the README's screenshots (docs/captures/) are refreshed from this run.
Outside CI, the module skips when Chromium or Playwright is missing; under CI=true it fails.
"""

import json
import re

import pytest

import navigateur_outils as no
from obm.progression import progression

DELAI = 60_000  # ms: a kernel start plus pandas and matplotlib on CI's small machine
STATUT_NOYAU = ".jp-StatusBar-TextItem"
SORTIES_ERREUR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
PROMPT_NUMEROTE = re.compile(r"^\[\d+\]:?$")


@pytest.fixture(scope="module")
def serveur(tmp_path_factory):
    no.chromium()
    no.exiger_playwright()
    no.francais_par_defaut()
    no.vider_artefacts()
    serveur = no.ServeurJupyter(tmp_path_factory.mktemp("navigateur"))
    serveur.demarrer()
    try:
        yield serveur
    finally:
        serveur.arreter()
        no.garder_journal(serveur)


@pytest.fixture(scope="module")
def navigateur(serveur):
    with no.chromium_lance() as navigateur:
        yield navigateur


# A fresh browser tab in French (1280 × 800); on failure, a screenshot named after the test.
page = no.fixture_page("", DELAI, taille=(1280, 800))


def ouvrir(page, serveur, chemin):
    """Open a notebook as a learner would (fresh layout) and wait for its kernel to be idle."""
    from playwright.sync_api import expect

    page.goto(serveur.adresse(f"/lab/tree/{chemin}?reset"))
    # The status bar says "Python 3 (ipykernel) | Inactif" once the kernel is really there.
    expect(page.locator(STATUT_NOYAU, has_text="| Inactif")).to_be_visible()
    page.evaluate("window.jupyterapp.shell.collapseLeft()")  # more room for the notebook
    return page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell")


def index_cellule(serveur, chemin, grade_id):
    """The position of a cell (by its nbgrader id) in the served copy of a notebook."""
    cellules = json.loads((serveur.cours / chemin).read_text(encoding="utf-8"))["cells"]
    for index, cellule in enumerate(cellules):
        if cellule["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            return index
    raise KeyError(grade_id)


def executer_tout(page):
    """Run › Run All Cells from the French menu; wait until the last cell ran or an error shows."""
    from playwright.sync_api import expect

    page.locator(".lm-MenuBar-item", has_text="Exécution").click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
    derniere = page.locator(".jp-NotebookPanel .jp-CodeCell").last.locator(".jp-InputArea-prompt")
    erreur = page.locator(SORTIES_ERREUR).first
    expect(derniere.filter(has_text=PROMPT_NUMEROTE).or_(erreur)).to_be_visible()


def sans_erreur(page):
    """Did every code cell run (a number in its prompt) without any error or stderr output?"""
    erreurs = page.locator(SORTIES_ERREUR)
    assert erreurs.count() == 0, "\n\n".join(erreurs.all_inner_texts())
    prompts = page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt").all_inner_texts()
    assert prompts and all(PROMPT_NUMEROTE.match(p.strip()) for p in prompts), prompts


def executer_cellule(page, cellule):
    """Select a cell by clicking its prompt and run it with Maj + Entrée."""
    cellule.locator(".jp-InputArea-prompt").click()
    page.keyboard.press("Shift+Enter")


def ecrire_cellule(page, cellule, code):
    """Replace a cell's code, as a learner typing over the stub."""
    cellule.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)


def test_interface_en_francais(page, serveur):
    """Is JupyterLab's interface in French (menus, launcher), as `make lab` configures it?"""
    from playwright.sync_api import expect

    page.goto(serveur.adresse("/lab?reset"))
    expect(page.locator(".jp-Launcher")).to_be_visible()
    menus = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel")
    expect(menus.first).to_have_text("Fichier")
    for libelle in ("Fichier", "Édition", "Affichage", "Exécution", "Noyau", "Paramètres", "Aide"):
        assert libelle in menus.all_inner_texts()
    expect(page.locator(".jp-Launcher")).to_contain_text("Autre")
    page.locator(".lm-MenuBar-item", has_text="Fichier").click()
    menu = page.locator(".lm-Menu").first
    expect(menu).to_contain_text("Nouveau Lanceur")
    expect(menu).to_contain_text("Fermer tous les onglets")
    no.capture(page, "01_interface_en_francais")


def test_accueil_liste_les_modules_et_la_progression(page, serveur):
    """Does the home say where to start, list the published modules with « Leçon » and « Exercice »
    links and what the learner keeps, the others « en préparation », and show the progress widget?"""
    from playwright.sync_api import expect

    from obm.syllabus import charger

    syllabus = charger(serveur.cours / "course" / "syllabus.toml")
    publies = syllabus.publies
    cellules = ouvrir(page, serveur, "accueil.ipynb")
    depart = page.locator(f'.jp-RenderedMarkdown a[href*="course/modules/{publies[0].id}/lecon.ipynb"]',
                          has_text="Commence ici")
    expect(depart).to_have_count(1)
    tableau = page.locator(".jp-RenderedMarkdown table", has_text="Tu gardes").first
    lignes = tableau.locator("tbody tr")
    expect(lignes).to_have_count(len(publies))
    textes = lignes.all_inner_texts()
    assert [t[:2] for t in textes] == [m.numero for m in publies]
    lecon_03 = 'a[href*="course/modules/03_retroplanning/lecon.ipynb"]'
    expect(tableau.locator(lecon_03)).to_have_text("Leçon")
    expect(tableau.locator('a[href*="exercises/00_bienvenue/exercice.ipynb"]')).to_have_text("Exercice")
    prevus = [m for m in syllabus.modules if not m.publie]
    if prevus:
        section = page.locator(".jp-RenderedMarkdown",
                               has=page.locator("h2", has_text="En préparation"))
        expect(section).to_contain_text(prevus[0].titre)
    page.locator(".jp-RenderedMarkdown").first.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "02_accueil", readme=True)

    code = cellules.filter(has_text="progression_interactive()")
    executer_cellule(page, code)
    widget = code.locator(".jupyter-widgets.widget-vbox")
    expect(widget.locator("button", has_text="Actualiser")).to_be_visible()
    expect(widget.locator(".obm-progression tbody tr")).to_have_count(22)
    expect(widget).to_contain_text("pas commencé")
    expect(widget).to_contain_text("Autoévaluation (module 00) : pas encore faite")
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "03_accueil_progression")


def test_lecon_retroplanning_et_son_widget(page, serveur):
    """Does the rétroplanning lesson run all its cells without error, and does its widget redraw
    the Gantt chart when the learner types a new target date?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, "course/modules/03_retroplanning/lecon.ipynb")
    executer_tout(page)
    sans_erreur(page)
    # The static Gantt charts are images; with their text alternative, inside an HTML figure.
    expect(page.locator(".jp-OutputArea-output img[alt^='Diagramme de Gantt']").first).to_be_visible()

    widget = page.locator(".jupyter-widgets.widget-vbox", has=page.locator(".widget-datepicker"))
    gantt = widget.locator("img.widget-image")
    expect(gantt).to_have_attribute("src", re.compile("^blob:"))
    # Critical path OFF+TOUR+MONT+MEL = 1+15+15+3 = 34 working days. Target Tue 18 May 2027:
    # Mon 17 May is Whit Monday, so it ends Fri 14 May; 34 working days back (Ascension 6 May and
    # Easter Monday 29 March skipped) start on Fri 26 March.
    expect(widget).to_contain_text("Début au plus tard : vendredi 26 mars 2027")
    avant = gantt.get_attribute("src")
    widget.locator(".widget-datepicker input").fill("2027-05-11")
    expect(gantt).not_to_have_attribute("src", avant)
    # Target Tue 11 May: it ends Mon 10 May, four working days earlier (11–14 May), so it
    # starts four working days earlier too: Mon 22 March.
    expect(widget).to_contain_text("Début au plus tard : lundi 22 mars 2027")
    gantt.evaluate("e => e.scrollIntoView({block: 'end'})")
    no.capture(page, "04_lecon_retroplanning_widget", readme=True)


def test_lecon_bienvenue_autoevaluation(page, serveur):
    """Does the welcome lesson run without error, and does its self-assessment widget redraw the
    radar and save under OBM_HOME when the learner clicks Enregistrer?"""
    from playwright.sync_api import expect

    ouvrir(page, serveur, "course/modules/00_bienvenue/lecon.ipynb")
    executer_tout(page)
    sans_erreur(page)
    widget = page.locator(".jupyter-widgets.widget-vbox", has_text="Échelle").first
    expect(widget.locator(".widget-slider")).to_have_count(18)
    radar = widget.locator("img.widget-image")
    expect(radar).to_have_attribute("src", re.compile("^blob:"))
    avant = radar.get_attribute("src")
    widget.locator(".noUi-handle").first.press("ArrowRight")  # GP1: 1 → 2
    expect(widget.locator(".widget-readout").first).to_have_text("2")
    expect(radar).not_to_have_attribute("src", avant)
    widget.locator("button", has_text="Enregistrer").click()
    expect(widget).to_contain_text("Autoévaluation enregistrée")
    enregistre = json.loads((serveur.obm_home / "autoevaluation.json").read_text(encoding="utf-8"))
    assert enregistre["autoevaluations"][-1]["notes"]["GP1"] == 2
    radar.evaluate("e => e.scrollIntoView({block: 'center'})")
    no.capture(page, "05_autoevaluation")


def test_exercice_retour_en_francais_puis_progression(page, serveur):
    """In exercise 00, does a wrong answer get the French "À revoir" of its visible check (with
    the misconception named for a typical mistake), the right one "Forme correcte", and does the
    home's progress then read the saved notebook?"""
    from playwright.sync_api import expect

    chemin = "exercises/00_bienvenue/exercice.ipynb"
    cellules = ouvrir(page, serveur, chemin)
    preparation = cellules.nth(index_cellule(serveur, chemin, "preparation"))
    reponse = cellules.nth(index_cellule(serveur, chemin, "reponse_q1"))
    verification = cellules.nth(index_cellule(serveur, chemin, "q1_ca_estime"))
    executer_cellule(page, preparation)
    expect(preparation.locator(".jp-InputArea-prompt")).to_have_text(PROMPT_NUMEROTE)

    # A typical mistake: the number written as text.
    ecrire_cellule(page, reponse, 'ventes_estimees = "96"\nca_estime = 47712')
    page.keyboard.press("Shift+Enter")  # runs the answer, selects the check below
    page.keyboard.press("Shift+Enter")  # runs the check
    retour = verification.locator(".obm-verification")
    expect(retour).to_contain_text("À revoir")
    expect(retour).to_contain_text("c'est du texte")
    expect(retour).to_contain_text("Indice")
    retour.evaluate("e => e.scrollIntoView({block: 'end'})")  # the question, answer and feedback
    no.capture(page, "06_exercice_a_revoir", readme=True)

    # A recorded typical mistake: the rate written as a percentage. The check names it.
    ecrire_cellule(page, reponse, "ventes_estimees = 4800 * 2\nca_estime = ventes_estimees * 497")
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")
    expect(retour).to_contain_text("À revoir")
    expect(retour).to_contain_text("en pourcentage")
    retour.evaluate("e => e.scrollIntoView({block: 'end'})")
    no.capture(page, "07_exercice_erreur_typique", readme=True)

    juste = "ventes_estimees = 4800 * 0.02\nca_estime = ventes_estimees * 497"
    ecrire_cellule(page, reponse, juste)
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")
    expect(retour).to_contain_text("Forme correcte")
    expect(retour).not_to_contain_text("À revoir")
    no.capture(page, "07_exercice_forme_correcte")

    # Saved (Ctrl + S), the notebook carries the check's machine-readable status.
    page.keyboard.press("Control+s")
    expect(page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(0)
    ligne = progression(serveur.cours).ligne("00_bienvenue")
    assert ligne.exercices[0].statuts.get("q1_ca_estime") == "forme_correcte"
    assert (ligne.reponses, ligne.exercice) == ("1/4", "en cours")  # q4: a written reading

    cellules = ouvrir(page, serveur, "accueil.ipynb")
    code = cellules.filter(has_text="progression_interactive()")
    executer_cellule(page, code)
    ligne_00 = code.locator(".obm-progression tbody tr").first
    expect(ligne_00).to_contain_text("00. Bienvenue")
    expect(ligne_00).to_contain_text("1/3 faites")
    expect(ligne_00).to_contain_text("en cours")
    code.locator(".obm-progression").evaluate("e => e.scrollIntoView({block: 'start'})")
    no.capture(page, "08_progression_apres_exercice", readme=True)


def test_formgrader_pour_la_formatrice(page, serveur):
    """Does nbgrader's formgrader page open for the trainer and list the course's exercises?"""
    from playwright.sync_api import expect

    reponse = page.goto(serveur.adresse("/formgrader"))
    assert reponse.status == 200
    expect(page.locator("h1", has_text="Manage Assignments")).to_be_visible()
    for exercice in ("00_bienvenue", "03_retroplanning"):
        expect(page.locator("table", has_text=exercice).first).to_be_visible()
    no.capture(page, "09_formgrader", readme=True)


# --- What grading gives back: the feedback page and the report, opened as files (ticket 25) ----

from test_correction_retours import cohorte  # noqa: E402,F401 - the graded cohort, a fixture


def test_page_de_retour_hors_ligne_sans_script(navigateur, cohorte):
    """Opened from disk in Chromium, does the learner's feedback page load nothing but itself,
    run none of the copy's scripts, and read in French with her first name?"""
    from playwright.sync_api import expect

    contexte = navigateur.new_context(viewport={"width": 1100, "height": 900}, locale="fr-FR",
                                      offline=True)
    page = contexte.new_page()
    demandes = []
    page.on("request", lambda r: demandes.append(r.url))
    try:
        chemin = cohorte["racine"] / "feedback" / "marie-dupont" / "00_bienvenue" / "exercice.html"
        page.goto(chemin.as_uri())
        expect(page.locator("body")).to_contain_text("Bonjour Marie,")
        expect(page.locator("body")).to_contain_text("Tests cachés : réussis (2 points sur 2)")
        assert page.title().startswith("Retour de correction") and "PIRATE" not in page.title()
        assert page.locator("#piege").count() == 0 and page.locator("script").count() == 0
        assert all(url.startswith(("file:", "data:")) for url in demandes), demandes
        page.locator("table.sommaire").scroll_into_view_if_needed()
        no.capture(page, "10_page_de_retour", readme=True)
        chloe = cohorte["racine"] / "feedback" / "chloe-martin" / "00_bienvenue" / "exercice.html"
        page.goto(chloe.as_uri())
        premiere = page.locator(".verdict", has_text="Tu n'as pas encore répondu").first
        expect(premiere).to_be_visible()
        premiere.scroll_into_view_if_needed()
        no.capture(page, "11_page_de_retour_sans_reponse")
    finally:
        contexte.close()


def test_rapport_lisible(navigateur, cohorte):
    """Does the competence report open with its figures loaded, learners and questions named,
    « non évalué » distinct from 0 % and the unreadable copy listed out of the averages?"""
    from playwright.sync_api import expect

    contexte = navigateur.new_context(viewport={"width": 1280, "height": 1000}, locale="fr-FR")
    page = contexte.new_page()
    try:
        page.goto((cohorte["dossier"] / "rapport" / "index.html").as_uri())
        expect(page.locator("h1")).to_have_text("Rapport de compétences de la cohorte")
        expect(page.locator("body")).to_contain_text("Question 1 · Que peut rapporter le lancement ?")
        expect(page.locator("body")).to_contain_text("Copies non notées (hors moyennes)")
        # « non évalué » in the cell of the competence concerned (GP1: no question of 00 grades
        # it), a percentage in the cell of an assessed one (FI1), in the cohort's median table.
        def case(intitule):
            ligne = page.locator("tr", has=page.locator("td", has_text=re.compile(f"^{re.escape(intitule)}$")))
            expect(ligne).to_have_count(1)
            return ligne.locator("td").nth(1)

        expect(case("Créer des plans de projet détaillés")).to_have_text("non évalué")
        expect(case("Planification financière et analyse des indicateurs")).to_have_text(
            re.compile(r"^\d+[\u00a0\u202f]%$"))
        images = page.locator("img")
        assert images.count() == 4  # the heatmap and three radars
        largeurs = images.evaluate_all("imgs => imgs.map(i => [i.naturalWidth, i.getBoundingClientRect().left])")
        assert all(l > 0 for l, _ in largeurs), largeurs
        # One layout: every learner's radar stands at the same place on the page.
        assert len({round(g) for _, g in largeurs[1:]}) == 1, largeurs
        no.capture(page, "12_rapport", readme=True)
        page.locator("section.apprenante").first.scroll_into_view_if_needed()
        no.capture(page, "13_rapport_apprenante")
    finally:
        contexte.close()


def test_ouvrir_l_accueil_ne_le_modifie_pas(page, serveur):
    """Opened in JupyterLab (kernel started, then saved as Lab does on close), does accueil.ipynb
    stay byte for byte as it was, never marked as modified?"""
    from playwright.sync_api import expect

    import time

    chemin = serveur.cours / "accueil.ipynb"
    avant, modifie = chemin.read_bytes(), chemin.stat().st_mtime_ns
    ouvrir(page, serveur, "accueil.ipynb")  # returns once the kernel is idle (language_info known)
    onglet = page.locator(".lm-TabBar-tab.jp-mod-current")
    expect(onglet).to_contain_text("accueil.ipynb")
    expect(page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(0)
    page.keyboard.press("Control+s")
    fin = time.monotonic() + 30
    while chemin.stat().st_mtime_ns == modifie and time.monotonic() < fin:
        time.sleep(0.1)  # polling the file the server writes, not the page
    assert chemin.stat().st_mtime_ns != modifie, "JupyterLab n'a pas enregistré le notebook"
    # The server may be between truncating the file and writing it: read once the bytes are
    # complete (valid JSON) and have stopped changing.
    fin, lu = time.monotonic() + 10, b""
    while time.monotonic() < fin:
        lu = chemin.read_bytes()
        try:
            json.loads(lu)
        except ValueError:
            time.sleep(0.1)
            continue
        time.sleep(0.3)
        if chemin.read_bytes() == lu:
            break
    assert lu == avant
