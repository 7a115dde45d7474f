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
    # No graded notebook left for the formgrader to show, while the graded copies keep theirs.
    autograded = cohorte["racine"] / "autograded"
    assert not (autograded / "zoe-abimee" / MODULE).exists()
    assert (autograded / "marie-dupont" / MODULE / "exercice.ipynb").is_file()


def test_non_notee_refuse_les_points_a_la_main(cohorte):
    """Is manual grading of a « non notée » copy refused with a French message saying what to do,
    while it works on a graded copy?"""
    from obm.correction.statut import noter_a_la_main
    from obm.erreurs import DonneesInvalides

    cours = charger_cours(cohorte["racine"])
    with pytest.raises(DonneesInvalides, match="n'est pas notée.*renvoyer"):
        noter_a_la_main(cours, MODULE, "zoe-abimee", "exercice", "q1_ca_estime", 1)


def test_formgrader_refuse_une_note_sur_une_copie_non_notee(cohorte, tmp_path):
    """In a real Jupyter server configured as `obm.installation` configures the trainer's view,
    does the formgrader's grade API refuse (403, in French) a note on Zoé's « non notée » copy,
    leave her grade empty, and still accept one on Marie's graded copy?"""
    import json
    import urllib.error
    import urllib.request

    import navigateur_outils as no
    from obm import installation

    cours = charger_cours(cohorte["racine"])
    with cours.carnet() as carnet:
        zoe = carnet.find_grade("q1_ca_estime", "exercice", MODULE, "zoe-abimee").id
        marie_note = carnet.find_grade("q1_ca_estime", "exercice", MODULE, "marie-dupont")
        marie, points_marie = marie_note.id, marie_note.score
    serveur = no.ServeurJupyter(tmp_path)
    serveur.cours = cohorte["racine"]  # served as is: the formgrader reads this gradebook
    installation.configurer_garde_formgrader(tmp_path / "config")
    serveur.demarrer()

    def poser(grade_id, points):
        requete = urllib.request.Request(
            serveur.adresse(f"/formgrader/api/grade/{grade_id}"), method="PUT",
            data=json.dumps({"manual_score": points, "extra_credit": None}).encode(),
            headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(requete, timeout=30) as reponse:
                return reponse.status, reponse.read().decode("utf-8")
        except urllib.error.HTTPError as erreur:
            return erreur.code, erreur.read().decode("utf-8")

    try:
        code, corps = poser(zoe, 2)
        assert code == 403, (code, corps, serveur.lire_journal())
        message = json.loads(corps)["message"]
        assert "La copie de zoe-abimee pour 00_bienvenue n'est pas notée (fichier illisible" in message
        assert "renvoyer" in message and f"obm corriger {MODULE} --apprenante zoe-abimee" in message
        code, corps = poser(marie, points_marie)
        assert code == 200, (code, corps)
    finally:
        serveur.arreter()
    with cours.carnet() as carnet:
        note = carnet.find_grade("q1_ca_estime", "exercice", MODULE, "zoe-abimee")
        assert note.manual_score is None and note.auto_score is None


def test_marque_levee_quand_la_copie_renvoyee_est_notee(cohorte, tmp_path):
    """When Zoé hands in a readable copy and a new `obm corriger` grades it, is the « non notée »
    mark lifted (no reason, not flagged, scores present, graded notebook back), so that manual
    grading works again?"""
    from obm.correction.statut import noter_a_la_main, raison_non_notee

    racine = tmp_path / "cours"
    shutil.copytree(cohorte["racine"], racine, symlinks=True)
    distribuee = nbformat.read(racine / "exercises" / MODULE / "exercice.ipynb", 4)
    corrigee = nbformat.read(oc.SOLUTIONS / MODULE / "exercice.ipynb", 4)
    copies = tmp_path / "copies"
    copies.mkdir()
    nbformat.write(oc.remplir(distribuee, corrigee), copies / "Zoé Abîmée.ipynb")
    (tmp_path / "liste.csv").write_text(LISTE, encoding="utf-8")
    code, _, erreurs = obm(racine, "importer", str(copies), "--module", MODULE,
                           "--liste", str(tmp_path / "liste.csv"))
    assert code == 0, erreurs
    code, sortie, erreurs = obm(racine, "corriger", MODULE, "--apprenante", "zoe-abimee",
                                "--jobs", "1", *oc.options_corriger())
    assert code == 0, erreurs
    assert "non notée" not in sortie.replace("\u202f", " "), sortie
    cours = charger_cours(racine)
    with cours.carnet() as carnet:
        soumission = carnet.find_submission(MODULE, "zoe-abimee")
        assert raison_non_notee(soumission) is None
        for notebook in soumission.notebooks:
            assert not notebook.flagged
            assert not [c for c in notebook.comments if (c.auto_comment or "").startswith("[obm]")]
        assert soumission.score == 6
    assert (racine / "autograded" / "zoe-abimee" / MODULE / "exercice.ipynb").is_file()
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


def _competences_du_syllabus() -> dict[str, str]:
    import tomllib

    syllabus = tomllib.loads((oc.RACINE / "course" / "syllabus.toml").read_text(encoding="utf-8"))
    return {c["code"]: c["intitule"] for c in syllabus["competences"]}


EVALUEES = {"FI1", "GP2", "TE2"}  # what 00_bienvenue grades (syllabus, competences_par_note)


def test_radar_ne_trace_pas_une_competence_non_evaluee(cohorte, tmp_path):
    """On each learner's radar, as drawn: is every competence no graded question measured left
    out of the lines (NaN, no marker, no filled area), never plotted at 0, labelled by its title
    with « (non évaluée) », while the assessed ones are plotted?"""
    import math
    import statistics

    import numpy as np

    from obm.correction.notes import lire_releve
    from obm.correction.rapport import _radar

    releve = lire_releve(charger_cours(cohorte["racine"]))
    codes = list(releve.competences)
    intitules = _competences_du_syllabus()
    assert set(codes) == set(intitules) and EVALUEES < set(codes)
    niveaux = {e.identifiant: releve.niveaux(e.identifiant) for e in releve.apprenantes}
    medianes = {c: (statistics.median(connus) if (connus := [n[c] for n in niveaux.values()
                                                             if n[c] is not None]) else None)
                for c in codes}
    for apprenante in ("marie-dupont", "chloe-martin", "zoe-abimee"):
        evaluees = {c for c, v in niveaux[apprenante].items() if v is not None}
        attendu = set() if apprenante == "zoe-abimee" else EVALUEES
        assert evaluees == attendu, (apprenante, evaluees)
        ax = _radar(releve, apprenante, medianes, tmp_path / f"{apprenante}.png").axes[0]
        angles = {c: float(a) for c, a in zip(codes, np.linspace(0, 2 * np.pi, len(codes), endpoint=False))}
        traces = {"elle": {c: [] for c in codes}, "cohorte": {c: [] for c in codes}}
        for ligne in ax.get_lines():
            qui = "cohorte" if ligne.get_label() == "médiane de la cohorte" else "elle"
            for x, y in zip(ligne.get_xdata(), ligne.get_ydata()):
                code = next((c for c, a in angles.items() if math.isclose(x % (2 * np.pi), a, abs_tol=1e-9)), None)
                if code is not None and not math.isnan(y):
                    traces[qui][code].append(float(y))
        for code in codes:
            if code in evaluees:
                assert traces["elle"][code], f"{apprenante} : {code} évaluée mais pas tracée"
            else:
                assert traces["elle"][code] == [], f"{apprenante} : {code} non évaluée tracée à {traces['elle'][code]}"
            assert bool(traces["cohorte"][code]) == (medianes[code] is not None), (code, traces["cohorte"][code])
        assert not ax.patches and not [c for c in ax.collections if len(c.get_paths())], "aire remplie"
        etiquettes = [t.get_text() for t in ax.get_xticklabels()]
        for code, etiquette in zip(codes, etiquettes):
            assert etiquette.replace("\n", " ").startswith(intitules[code][:8]), (code, etiquette)
            assert ("(non évaluée)" in etiquette) == (code not in evaluees), (code, etiquette)


def test_rapport_nomme_les_competences_et_les_personnes(cohorte):
    """Does the text the trainer reads name competences by their syllabus titles, learners by
    name and questions by their statement title, with no internal id (`reponse_q…`, `q1_…`, a
    competence code alone, a learner id)?"""
    lecteur = lire(cohorte["dossier"] / "rapport" / "index.html")
    texte = " ".join(lecteur.texte)
    for intitule in _competences_du_syllabus().values():
        assert intitule.replace("\u202f", " ") in texte, intitule
    for nom in ("Marie Dupont", "Chloé Martin", "Zoé Abîmée"):
        assert nom in texte
    assert "Question 1 · Que peut rapporter le lancement ?" in texte
    internes = re.findall(r"reponse_q\w*|\bq\d+_\w+|\b(?:GP|CO|TE|LD|FI|RO)\d\b|marie-dupont|"
                          r"chloe-martin|zoe-abimee", texte)
    assert internes == [], internes
    alternatifs = " ".join(a.get("alt", "") for t, a in lecteur.balises if t == "img")
    assert not re.findall(r"reponse_q|\bq\d+_|\b(?:GP|CO|TE|LD|FI|RO)\d\b|-dupont", alternatifs)


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


def test_indice_repliable_et_rien_d_autre(cohorte):
    """Does the statement's « 💡 Un indice » show as a folding block (`<details>`/`<summary>`,
    closed), never as raw tags, while any other HTML of a statement stays inert text?"""
    from obm.correction.retours import _markdown

    lecteur = lire(page(cohorte, "marie-dupont"))
    replis = [a for t, a in lecteur.balises if t == "details"]
    assert len(replis) >= 3 and all(a == {} for a in replis), replis
    texte = "".join(lecteur.texte)
    assert "💡 Un indice" in texte and "<details>" not in texte and "<summary>" not in texte
    assert "&lt;details" not in page(cohorte, "marie-dupont").read_text(encoding="utf-8")
    # Only these exact tags are rendered: with an attribute, or anything else, it stays text.
    rendu = _markdown('<details open ontoggle="alert(1)"><summary onclick="x()">A</summary>\n\n'
                      '<script>alert(2)</script><img src=x onerror=y>\n</details>\n\n'
                      '<details><summary>B</summary>\n\n**gras** <b id="piege">c</b>\n</details>')
    lu = _Lecteur()
    lu.feed(rendu)
    assert [t for t, _ in lu.balises if t in ("details", "summary")] == ["details", "summary"]
    assert not [a for _, a in lu.balises if a], lu.balises
    assert not {t for t, _ in lu.balises} & {"script", "img", "b"}
    assert "<script>alert(2)</script>" in "".join(lu.texte) and "ontoggle" in "".join(lu.texte)


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
