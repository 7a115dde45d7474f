"""What trainers and learners read around grading (tickets 23 and 25), on one small cohort of
00_bienvenue imported from a folder with the cohort's roster and graded by `obm corriger`:

- Marie answers everything, and her answer cells also print a `<script>`, an `<img onerror>`
  and IPython's input history (the hidden tests, once they ran) encoded in base64;
- Chloé hands in the untouched exercise;
- Zoé's file is cut off mid-upload: unreadable.

The feedback page must be French, greet by first name, load nothing from the network, run no
script, show no output of the copy and no hidden test; Zoé's copy must be « non notée »
everywhere (gradebook, both CSV exports, report, the run's log) and refuse manual points.
"""

import base64
import contextlib
import csv
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

import outils_correction as oc
from obm.correction.cli import main
from obm.correction.commun import charger_cours, dans_le_dossier
from obm.correction.retours import lignes_cachees

MODULE = "00_bienvenue"
LISTE = ("identifiant;prenom;nom;email\n"
         "marie-dupont;Marie;Dupont;marie@example.org\n"
         "chloe-martin;Chloé;Martin;chloe@example.org\n"
         "zoe-abimee;Zoé;Abîmée;zoe@example.org\n")
PIEGES = ("from IPython.display import HTML, display\n"
          "display(HTML('<script>document.title = \"PIRATE\"</script><b id=\"piege\">gras</b>"
          "<img src=x onerror=\"document.title=\\'PIRATE\\'\">'))\n")
HISTORIQUE = "import base64\nprint('FUITE', base64.b64encode('\\n'.join(In).encode()).decode())\n"


def obm(racine: Path, *arguments: str) -> tuple[int, str, str]:
    sortie, erreurs = io.StringIO(), io.StringIO()
    with dans_le_dossier(racine), contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreurs):
        code = main(list(arguments))
    return code, sortie.getvalue(), erreurs.getvalue()


@pytest.fixture(scope="module")
def cohorte(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("retours")
    racine = dossier / "cours"
    racine.mkdir()
    shutil.copy(oc.RACINE / "nbgrader_config.py", racine / "nbgrader_config.py")
    for nom in ("solutions", "course", "data"):
        (racine / nom).symlink_to(oc.RACINE / nom, target_is_directory=True)
    sortie = oc.nbgrader(["generate_assignment", MODULE, "--force"], racine, oc.environnement(dossier))
    assert sortie.returncode == 0, sortie.stderr
    distribuee = nbformat.read(racine / "exercises" / MODULE / "exercice.ipynb", 4)
    corrigee = nbformat.read(oc.SOLUTIONS / MODULE / "exercice.ipynb", 4)
    reponses = oc.reponses_de(corrigee)
    copies = dossier / "copies"
    copies.mkdir()
    marie = oc.remplir(distribuee, corrigee, reponse_q1=reponses["reponse_q1"] + "\n" + PIEGES,
                       reponse_q3=reponses["reponse_q3"] + "\n" + HISTORIQUE)
    nbformat.write(marie, copies / "Marie Dupont.ipynb")
    nbformat.write(distribuee, copies / "Chloé Martin.ipynb")
    (copies / "Zoé Abîmée.ipynb").write_text('{"cells": [{"cell_type": "code", "source": "ventes = 96',
                                             encoding="utf-8")
    (dossier / "liste.csv").write_text(LISTE, encoding="utf-8")
    resultats = {"racine": racine, "dossier": dossier}
    resultats["importer"] = obm(racine, "importer", str(copies), "--module", MODULE,
                                "--liste", str(dossier / "liste.csv"))
    resultats["corriger"] = obm(racine, "corriger", MODULE, "--jobs", "1", *oc.options_corriger())
    resultats["retours"] = obm(racine, "retours", MODULE)
    resultats["notes"] = obm(racine, "notes", "--dossier", str(dossier / "notes"))
    resultats["rapport"] = obm(racine, "rapport", "--dossier", str(dossier / "rapport"))
    return resultats


class _Lecteur(HTMLParser):
    """The text a browser shows, outside code blocks; the same without the exercise's own
    statement (course text, checked by the course's French checks); every tag with its attributes."""

    def __init__(self):
        super().__init__()
        self.texte, self.hors_enonce, self.balises, self._hors, self._pile = [], [], [], 0, []

    def handle_starttag(self, tag, attrs):
        attributs = dict(attrs)
        self.balises.append((tag, attributs))
        self._hors += tag in ("style", "pre", "script")
        if tag == "section":
            self._pile.append("enonce" in (attributs.get("class") or "").split()
                              and "question" not in (attributs.get("class") or "").split())

    def handle_endtag(self, tag):
        self._hors -= tag in ("style", "pre", "script")
        if tag == "section" and self._pile:
            self._pile.pop()

    def handle_data(self, data):
        if not self._hors:
            self.texte.append(data)
            if not any(self._pile):
                self.hors_enonce.append(data)


def lire(chemin: Path) -> _Lecteur:
    """The page parsed, its narrow no-break spaces (French typography) read as plain spaces."""
    lecteur = _Lecteur()
    lecteur.feed(chemin.read_text(encoding="utf-8").replace("\u202f", " "))
    return lecteur


def page(cohorte, apprenante: str) -> Path:
    return cohorte["racine"] / "feedback" / apprenante / MODULE / "exercice.html"


# --- The chain ran ------------------------------------------------------------------------------

def test_la_chaine_passe(cohorte):
    """Did import, grading, feedback, grade export and report all succeed on this cohort?"""
    for etape in ("importer", "corriger", "retours", "notes", "rapport"):
        code, _, erreurs = cohorte[etape]
        assert code == 0, f"{etape} : {erreurs}"
    assert "3 copie(s) rangée(s)" in cohorte["importer"][1]


# --- An unreadable copy is « non notée » everywhere (ticket 25) -----------------------------------

def test_non_notee_dans_le_bilan_et_le_journal(cohorte):
    """Does `obm corriger` say « non notée » with the reason, and does its log keep the reason?"""
    sortie = cohorte["corriger"][1].replace("\u202f", " ")
    assert re.search(r"zoe-abimee\s+non notée", sortie)
    assert "- zoe-abimee : fichier illisible" in sortie
    journal = (cohorte["racine"] / "gradebook" / f"journal-corriger-{MODULE}.log").read_text(encoding="utf-8")
    assert "- zoe-abimee : fichier illisible" in journal


def test_non_notee_dans_le_carnet(cohorte):
    """Does the gradebook keep it: flagged for the formgrader, no score at all (never 0), the
    reason in the answers' automatic comment?"""
    from obm.correction.statut import PREFIXE, raison_non_notee

    cours = charger_cours(cohorte["racine"])
    with cours.carnet() as carnet:
        soumission = carnet.find_submission(MODULE, "zoe-abimee")
        assert "fichier illisible" in raison_non_notee(soumission)
        for notebook in soumission.notebooks:
            assert notebook.flagged
            assert all(n.auto_score is None and n.manual_score is None for n in notebook.grades)
            assert all(c.auto_comment.startswith(PREFIXE) for c in notebook.comments)
        assert raison_non_notee(carnet.find_submission(MODULE, "marie-dupont")) is None


def test_non_notee_refuse_les_points_a_la_main(cohorte):
    """Is manual grading of a « non notée » copy refused with a French message saying what to do,
    while it works on a graded copy?"""
    from obm.correction.statut import noter_a_la_main
    from obm.erreurs import DonneesInvalides

    cours = charger_cours(cohorte["racine"])
    with pytest.raises(DonneesInvalides, match="n'est pas notée.*renvoyer"):
        noter_a_la_main(cours, MODULE, "zoe-abimee", "exercice", "q1_ca_estime", 1)


def lire_csv(chemin: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(chemin.read_text(encoding="utf-8-sig")), delimiter=";"))


def test_non_notee_dans_les_deux_exports(cohorte):
    """In both CSV exports: empty points and the status « non notée » (with the reason), never 0,
    while graded copies keep their points and « notée »?"""
    par_module = {l["apprenante"]: l for l in lire_csv(cohorte["dossier"] / "notes" / "notes_par_module.csv")}
    zoe = par_module["zoe-abimee"]
    assert (zoe["statut"], zoe["points"], zoe["pourcentage"]) == ("non notée", "", "")
    assert "fichier illisible" in zoe["raison"]
    assert (par_module["marie-dupont"]["statut"], par_module["marie-dupont"]["points"]) == ("notée", "6")
    assert (par_module["chloe-martin"]["statut"], par_module["chloe-martin"]["points"]) == ("notée", "0")
    lms = {l["apprenante"]: l for l in lire_csv(cohorte["dossier"] / "notes" / "notes_pour_lms.csv")}
    assert lms["zoe-abimee"][f"{MODULE} (sur 6)"] == "" and lms["zoe-abimee"][f"{MODULE} statut"] == "non notée"
    assert lms["marie-dupont"][f"{MODULE} (sur 6)"] == "6"
    # Her competences are not assessed (empty), not 0 %.
    assert lms["zoe-abimee"]["FI1 Planification financière et analyse des indicateurs (%)"] == ""


def test_non_notee_hors_des_moyennes_du_rapport(cohorte):
    """Is she out of the module's averages (6 and 0 points: 50 %), listed with her reason, and
    never told « Rien à retravailler »?"""
    texte = "".join(lire(cohorte["dossier"] / "rapport" / "index.html").texte)
    assert "Copies non notées (hors moyennes)" in texte
    assert re.search(r"Zoé Abîmée\s*00_bienvenue\s*fichier illisible", texte)
    section = texte.split("Zoé Abîmée", 2)[-1]
    assert "non notée : fichier illisible" in section
    assert "Aucune compétence évaluée pour l'instant" in section.split("Compétences de")[0]
    page_ = (cohorte["dossier"] / "rapport" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<td class=\"nombre\">2</td>\s*<td class=\"nombre\">1</td>\s*"
                     r"<td class=\"nombre\">50[\u00a0\u202f]%</td>", page_)


def test_pas_de_page_de_retour_pour_une_copie_non_notee(cohorte):
    """Does `obm retours` write no page for her and say so?"""
    assert not page(cohorte, "zoe-abimee").exists()
    assert "copies non notées" in cohorte["retours"][1].replace("\u202f", " ") and "zoe-abimee" in cohorte["retours"][1]


# --- The feedback page: built from what the grader shows (tickets 23 and 25) ----------------------

def test_page_sans_script_ni_ressource_exterieure(cohorte):
    """Does the page carry a restrictive Content-Security-Policy, no script, no iframe, no link,
    no event attribute, and no network URL anywhere?"""
    for apprenante in ("marie-dupont", "chloe-martin"):
        chemin = page(cohorte, apprenante)
        brut = chemin.read_text(encoding="utf-8")
        lecteur = lire(chemin)
        politique = next(a["content"] for t, a in lecteur.balises
                         if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
        assert "default-src 'none'" in politique and "script-src" not in politique
        noms = {t for t, _ in lecteur.balises}
        assert not noms & {"script", "iframe", "object", "embed", "link", "img", "form", "base"}
        assert not [a for _, attributs in lecteur.balises for a in attributs if a.startswith("on")]
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", brut, re.I), apprenante
        assert "mathjax" not in brut.lower() and "cdn" not in brut.lower()


def test_aucune_sortie_de_la_copie_ni_test_cache(cohorte):
    """Do neither the copy's HTML output nor the base64 dump of IPython's history reach the page?
    (On the answers-as-data engine that history holds the copy's own cells, never a hidden test.)"""
    corrige = (cohorte["racine"] / "autograded" / "marie-dupont" / MODULE / "exercice.ipynb").read_text(encoding="utf-8")
    fuite = re.search(r"FUITE ([A-Za-z0-9+/=]{40,})", corrige)
    assert fuite, "la copie devait afficher son historique encodé (sinon le test ne prouve rien)"
    cachees = lignes_cachees([c.source for c in nbformat.read(oc.SOLUTIONS / MODULE / "exercice.ipynb", 4).cells])
    decode = base64.b64decode(fuite.group(1)).decode()
    assert "FUITE" in decode and "ventes_estimees" in decode, "l'historique encodé est celui de la copie"
    assert not [l for l in cachees if l in decode], "le processus de la copie a vu un test caché"
    brut = page(cohorte, "marie-dupont").read_text(encoding="utf-8")
    assert fuite.group(1)[:40] not in brut and "FUITE " not in "".join(lire(page(cohorte, "marie-dupont")).texte)
    balises = lire(page(cohorte, "marie-dupont")).balises
    assert not [a for _, a in balises if a.get("id") == "piege"] and "<b id" not in brut
    assert not [l for l in cachees if l in brut]


def test_page_en_francais_de_bout_en_bout(cohorte):
    """Is the page French from end to end: greeting by first name (not the id), the statement
    titles, the hidden tests' results, a French line for each unanswered question, no English
    phrase of nbgrader and no traceback?"""
    marie = "".join(lire(page(cohorte, "marie-dupont")).texte)
    chloe = "".join(lire(page(cohorte, "chloe-martin")).texte)
    assert "Bonjour Marie," in marie and "Bonjour Chloé," in chloe
    assert "marie-dupont" not in marie and "chloe-martin" not in chloe
    assert "Ta note : 6 / 6" in marie and "Ta note : 0 / 6" in chloe
    assert "Question 1 · Que peut rapporter le lancement ?" in marie
    assert "Tests cachés : réussis (2 points sur 2)" in marie
    assert "Tests cachés : pas réussis (0 point sur 2)" in chloe
    assert chloe.count("Tu n'as pas encore répondu à cette question") == 4  # q4 : écrit non noté
    assert "Ta vérification : Pas encore fait" in chloe
    anglais = ["No response", "Traceback", "NotImplementedError", "Score", "Student", "Comment",
               "Error", "Success", "passed", "failed", "Submitted", "Late", "Your ", "You "]
    for chemin in (page(cohorte, "marie-dupont"), page(cohorte, "chloe-martin")):
        texte = "".join(lire(chemin).hors_enonce)
        assert "Ta note" in texte and "Tests cachés" in texte
        assert not [m for m in anglais if m in texte], [m for m in anglais if m in texte]


def test_chiffres_lisibles_sur_chaque_case_de_la_carte():
    """On every colour of the heatmap's scale (0 to 100 %), does the figure's colour chosen per
    cell reach the WCAG contrast for text (4.5:1)?"""
    import matplotlib

    from obm.correction.rapport import couleur_du_texte

    def luminance(rgb):
        def lin(c):
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        r, g, b = (lin(c) for c in rgb[:3])
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    palette = matplotlib.colormaps["RdYlGn"]
    for pourcent in range(0, 101):
        fond = palette(pourcent / 100)
        texte = (0.0, 0.0, 0.0) if couleur_du_texte(fond) == "#000000" else (1.0, 1.0, 1.0)
        clair, sombre = sorted((luminance(fond), luminance(texte)), reverse=True)
        assert (clair + 0.05) / (sombre + 0.05) >= 4.5, (pourcent, fond, texte)
