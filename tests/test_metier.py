"""Module 01's library (obm.metier): the one-page role description a learner keeps, the table of
Clara's team, a month's hours; and the deliverables table of obm.syllabus."""

import ast
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from obm import metier
from obm import verifier as v
from obm.erreurs import DonneesInvalides
from obm.syllabus import charger, tableau_livrables

FICHE = {
    "mission": "Copiloter l'entreprise de Clara avec elle : je fais en sorte que sa stratégie "
               "devienne des projets menés à terme par l'équipe.",
    "projets": "Je pilote le lancement de printemps de Cap Sérénité : rétroplanning, répartition "
               "du travail, point d'avancement chaque lundi dans Asana.",
    "operations": "Je suis garante des procédures écrites (mise en ligne d'un module, envoi d'une "
                  "séquence d'e-mails) et des accès aux outils.",
    "equipe": "Je coordonne Léa, Hugo, Inès et Samir : un brief par mission avec le livrable, "
              "l'échéance et les critères de réception ; une réunion d'équipe par semaine.",
    "indicateurs": "Je suis les ventes, le taux de conversion de la page de vente et les "
                   "désabonnements, et je les présente à Clara une fois par mois avec une "
                   "recommandation.",
    "ce_que_je_ne_fais_pas": "Je ne programme plus les e-mails : Léa les reprend. La stratégie "
                             "Instagram revient à Inès et à Clara, les textes de vente à Samir.",
    "organisation": "Forfait de 25 h par mois, davantage pendant un lancement ; un rendez-vous "
                    "chaque lundi avec Clara ; un contrat de prestation signé par nous deux.",
}


def probleme(fiche):
    """The status and message the form check gives a fiche."""
    try:
        metier.controler_fiche(fiche)
    except v._Issue as issue:
        return issue.statut, issue.message
    return v.FORME_CORRECTE, ""


def test_le_modele_a_toutes_les_rubriques_a_remplir():
    """Is the template a dict to copy with every rubric at `...`, each with its instruction above?"""
    code = metier.texte_modele()
    arbre = ast.parse(code)
    (affectation,) = arbre.body
    assert affectation.targets[0].id == "fiche_de_poste"
    assert [k.value for k in affectation.value.keys] == list(metier.CLES)
    assert all(isinstance(x, ast.Constant) and x.value is Ellipsis for x in affectation.value.values)
    for rubrique in metier.RUBRIQUES:
        assert f"# {rubrique.titre}" in code


@pytest.mark.parametrize("fiche, statut, morceau", [
    (..., v.PAS_ENCORE_FAIT, "vaut encore"),
    ({c: ... for c in metier.CLES}, v.PAS_ENCORE_FAIT, "Mission, Projets"),
    ({**FICHE, "indicateurs": ...}, v.PAS_ENCORE_FAIT, "Indicateurs"),
    ("ma fiche", v.A_REVOIR, "dictionnaire"),
    ({**FICHE, "metrics": "x" * 30}, v.A_REVOIR, "'metrics'"),
    ({c: t for c, t in FICHE.items() if c != "equipe"}, v.A_REVOIR, "Équipe"),
    ({**FICHE, "mission": 3}, v.A_REVOIR, "texte entre guillemets"),
    ({**FICHE, "projets": "Le lancement."}, v.A_REVOIR, "trop courte"),
    ({**FICHE, "mission": "mot " * 420}, v.A_REVOIR, "une page"),
])
def test_la_forme_de_la_fiche(fiche, statut, morceau):
    """Does the form check say « pas encore fait » for the template, « à revoir » with the cause
    for a malformed fiche (not a dict, unknown or missing rubric, not a text, too short, too long)?"""
    obtenu, message = probleme(fiche)
    assert obtenu == statut and morceau in message, message


def test_une_fiche_complete_a_la_bonne_forme():
    assert probleme(FICHE) == (v.FORME_CORRECTE, "")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.balises, self.texte = [], []

    def handle_starttag(self, tag, attrs):
        self.balises.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.texte.append(data)


def test_les_deux_fichiers_disent_la_fiche(tmp_path):
    """Are the Markdown and the HTML page written with a title naming the client, one part per
    rubric in order, the learner's own words, French typography, and a printable A4 page?"""
    md, page = metier.ecrire_fiche(FICHE, tmp_path, cliente="Clara Morel", date="4 décembre 2026")
    assert (md.name, page.name) == ("01_fiche_de_poste_obm.md", "01_fiche_de_poste_obm.html")
    texte = md.read_text(encoding="utf-8")
    assert texte.startswith("# OBM de Clara Morel · fiche de poste\n")
    titres = [l[3:] for l in texte.splitlines() if l.startswith("## ")]
    assert titres == [r.titre for r in metier.RUBRIQUES]
    assert "point d'avancement chaque lundi dans Asana" in texte
    assert "Copiloter l'entreprise de Clara avec elle\u202f: je fais" in texte  # U+202F before « : »
    lecteur = _Page()
    lecteur.feed(page.read_text(encoding="utf-8"))
    assert ("html", {"lang": "fr"}) in lecteur.balises
    assert [t for t, _ in lecteur.balises].count("h2") == len(metier.RUBRIQUES)
    assert "@page { size: A4" in page.read_text(encoding="utf-8")
    assert "4 décembre 2026" in "".join(lecteur.texte)


def test_le_texte_de_l_apprenante_est_echappe(tmp_path):
    """Is a learner's text shown as text in the HTML page, never run as markup?"""
    fiche = {**FICHE, "mission": "<script>alert('x')</script> copiloter l'entreprise de Clara"}
    _, page = metier.ecrire_fiche(fiche, tmp_path, cliente="Clara Morel", date="1er mai 2027")
    contenu = page.read_text(encoding="utf-8")
    assert "<script>" not in contenu and "&lt;script&gt;" in contenu


def test_une_fiche_mal_formee_n_est_pas_ecrite(tmp_path):
    with pytest.raises(DonneesInvalides, match="pas encore la bonne forme"):
        metier.ecrire_fiche({**FICHE, "equipe": ...}, tmp_path)
    assert not list(tmp_path.iterdir())


def test_dans_le_notebook_rien_n_est_ecrit_tant_que_ce_n_est_pas_fait(tmp_path, monkeypatch, capsys):
    """In a notebook: with the template still there, does it say « pas encore fait » and write
    nothing; once filled, does it write both files into livrables/ under the default client name?"""
    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path))
    metier.ecrire_fiche_de_poste(espace={})
    metier.ecrire_fiche_de_poste(espace={"fiche_de_poste": {c: ... for c in metier.CLES}})
    sortie = capsys.readouterr().out
    assert sortie.count("Pas encore fait") == 2 and not list(tmp_path.iterdir())
    metier.ecrire_fiche_de_poste(espace={"fiche_de_poste": FICHE})
    sortie = capsys.readouterr().out
    assert "Forme correcte" in sortie and "01_fiche_de_poste_obm.md" in sortie
    assert (tmp_path / "01_fiche_de_poste_obm.md").read_text(encoding="utf-8").startswith(
        "# OBM de Clara Morel")


def test_tableau_de_l_equipe_vient_de_clara():
    """Is the team table read from data/clara.toml (four freelancers, hours or a price per job)?"""
    tableau = metier.tableau_equipe()
    assert [l[0] for l in tableau.lignes] == ["Léa", "Hugo", "Inès", "Samir"]
    assert "15\u00a0h réservées par semaine" in tableau.lignes[0][2]
    assert "1\u202f500,00\u00a0€ HT" in tableau.lignes[1][2] or "1\u202f500\u00a0€ HT" in tableau.lignes[1][2]
    html = tableau._repr_html_()
    assert "white-space:normal" in html and "…" not in html


def test_tableau_des_livrables_vient_du_syllabus():
    """Does the deliverables table list every module of the syllabus with what she keeps?"""
    syllabus = charger()
    tableau = tableau_livrables()
    assert len(tableau.lignes) == len(syllabus.modules)
    ligne_01 = next(l for l in tableau.lignes if l[0].startswith("01 "))
    assert ligne_01[1] == syllabus.module("01_metier_obm").a_garder and ligne_01[2] == "publié"


def test_heures_du_mois():
    """Are a month's hours added and compared with the 20-hour minimum forfait?"""
    mois = metier.heures_du_mois({"gestion de projet": 26, "réunions": 4})
    assert mois.total == 30
    assert "dépasse de 10\u00a0h" in str(mois)
    assert "tient dans le minimum" in str(metier.heures_du_mois({"gestion de projet": 15}))
    for mauvais in ({}, {"x": -1}, {"x": "3"}, {"x": True}):
        with pytest.raises(DonneesInvalides):
            metier.heures_du_mois(mauvais)


def test_import_leger():
    """Does `import obm.metier` stay light (no pandas, ipywidgets or verifier at import)?"""
    code = ("import sys, obm.metier; print(sorted(m for m in ('pandas', 'ipywidgets', "
            "'obm.verifier', 'IPython.display') if m in sys.modules))")
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert sortie.stdout.strip() == "[]"


# --- Exercise 01 in self-study: each QCM question judged on its own answer ---------------------

QUIZ_Q1_FAUX = '''reponses_quiz = {
    "q1": "a",
    "q2": ["e", "a", "d"],
    "q3": {"plan_lancement": "projets", "recrutement": "equipe", "point_mensuel": "indicateurs",
           "procedures": "operations"},
    "q4": ["a", "c", "d"],
    "q5": ["a", "c", "d", "f"],
    "q6": "b",
    "q7": ["b", "c", "d"],
}'''


def test_autoformation_juge_chaque_question_du_qcm_seule(tmp_path, monkeypatch):
    """In self-study, is each QCM question judged on its own answer (Q1 wrong does not make Q2
    « à revoir »; another order or no accents is still « juste »), while the role description is
    never compared with the model answer (a written text: « forme correcte »)?"""
    import shutil

    import nbformat
    from nbclient import NotebookClient

    import outils_correction as oc

    dossier = tmp_path / "exercises" / "01_metier_obm"
    shutil.copytree(oc.EXERCICES / "01_metier_obm", dossier)
    notebook = oc.remplir(nbformat.read(dossier / "exercice.ipynb", as_version=4),
                          nbformat.read(oc.SOLUTIONS / "01_metier_obm" / "exercice.ipynb", as_version=4),
                          reponse_quiz=QUIZ_Q1_FAUX)
    for nom, valeur in (("OBM_MODE", "autonomie"), ("OBM_COURS", str(oc.RACINE)),
                        ("OBM_HOME", str(tmp_path / "home")),
                        ("OBM_LIVRABLES", str(tmp_path / "livrables"))):
        monkeypatch.setenv(nom, valeur)
    NotebookClient(notebook, timeout=180, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(dossier)}}).execute()
    statuts = {}
    for cellule in notebook.cells:
        for sortie in cellule.get("outputs", []):
            if oc.MIME_STATUT in sortie.get("data", {}):
                donnees = sortie["data"][oc.MIME_STATUT]
                statuts[donnees["question"]] = donnees["statut"]
    assert statuts["quiz_q1"] == "a_revoir"
    for question in ("quiz_q2_distinguer", "quiz_q3", "quiz_q4", "quiz_q7_subordination",
                     "missions_classement"):
        assert statuts[question] == "juste", (question, statuts)
    assert statuts["fiche_de_poste"] == "forme_correcte"
    assert (tmp_path / "livrables" / "01_fiche_de_poste_obm.html").is_file()


def test_le_retour_de_correction_nomme_chaque_erreur_du_qcm():
    """After grading, is each typical QCM mistake recognised by its own question, even when the
    copy has other mistakes elsewhere (two recorded mistakes in one copy: both named)?"""
    import json

    import nbformat

    import outils_correction as oc
    from obm import catalogue

    complet = catalogue.catalogue_complet("01_metier_obm", oc.RACINE)
    corrige = nbformat.read(oc.SOLUTIONS / "01_metier_obm" / "exercice.ipynb", as_version=4)
    espace: dict = {}
    for cellule in corrige.cells:
        if cellule.metadata.get("nbgrader", {}).get("grade_id") in ("preparation", "quiz_role",
                                                                      "reponse_quiz"):
            exec(catalogue._code_visible(cellule.source).replace("questionnaire(quiz_role)", ""),
                 espace)
    reponses = json.loads(json.dumps(espace["reponses_quiz"]))
    reponses["q2"] = ["a", "d", "e", "f"]  # the office manager taken for an equivalent
    reponses["q7"] = ["b", "c"]            # the written warning taken for a feedback
    for question, nom, morceau in (("q2", "quiz_q2_distinguer", "office manager"),
                                   ("q7", "quiz_q7_subordination", "avertissement")):
        empreinte = espace["quiz_role"].controler(question, nom=nom,
                                                  espace={"reponses_quiz": reponses}).empreinte
        assert morceau in complet["questions"][nom].get(empreinte, ""), (nom, complet["questions"][nom])
    assert complet["a_relire"]["quiz_q7_subordination"].startswith("Relis dans la leçon 01")
