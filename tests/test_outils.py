"""obm.outils (module 11): the Trello export of Clara's launch board, read as simple tables with
its pitfalls visible; UTC → Paris; automation counts; the Asana, monday.com and Trello files."""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from obm import outils
from obm.donnees import clara
from obm.erreurs import ErreurOBM

RACINE = Path(__file__).resolve().parents[1]
GENERATEUR = RACINE / "data" / "generer_trello.py"


def _generateur():
    spec = importlib.util.spec_from_file_location("generer_trello", GENERATEUR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def export():
    return outils.export_trello()


@pytest.fixture(scope="module")
def cartes(export):
    return outils.cartes_trello(export)


# --- The data file ------------------------------------------------------------------------------

def test_generateur_verifier_passe():
    """Does the committed export equal what data/generer_trello.py writes (--verifier)?"""
    resultat = subprocess.run([sys.executable, str(GENERATEUR), "--verifier"],
                              capture_output=True, text=True)
    assert resultat.returncode == 0, resultat.stderr


def test_generateur_detecte_un_ecart(tmp_path):
    """Does --verifier fail, naming `make data`, when the export was edited by hand?"""
    module = _generateur()
    module.generer(tmp_path)
    assert module.fichiers_differents(tmp_path) == []
    chemin = tmp_path / module.FICHIER
    chemin.write_text(chemin.read_text(encoding="utf-8").replace("Bloqué", "Bloque"), encoding="utf-8")
    assert module.fichiers_differents(tmp_path) == [module.FICHIER]
    assert "make data" in module.MESSAGE_ECART


def test_generateur_suit_la_fiche_de_clara():
    """Does the generator use the launch dates of data/clara.toml (one Clara)?"""
    module, faits = _generateur(), clara()
    assert module.FERMETURE_PANIER == faits.lancement.fermeture_panier
    assert module.OUVERTURE_PANIER == faits.lancement.ouverture_panier
    assert module.WEBINAIRE == faits.lancement.webinaire
    assert module.REPETITION_WEBINAIRE == faits.lancement.jalons.repetition_webinaire
    prenoms = {m["prenom"] for m in faits.equipe} | {"Clara"}
    assert {cle for cle, *_ in module.MEMBRES} == prenoms


def test_structure_d_un_vrai_export(export):
    """Does the file have the parts and card fields of a real Trello board export?"""
    for partie in ("id", "name", "labels", "lists", "cards", "checklists", "members", "actions",
                   "customFields", "labelNames"):
        assert partie in export, partie
    for carte in export["cards"]:
        for champ in ("id", "name", "desc", "idBoard", "idList", "idMembers", "idLabels", "labels",
                      "due", "start", "dueComplete", "closed", "pos", "idChecklists",
                      "dateLastActivity", "shortUrl"):
            assert champ in carte, champ
        assert len(carte["id"]) == 24 and int(carte["id"], 16) >= 0
        if carte["due"] is not None:
            assert carte["due"].endswith(".000Z")
    ids_cartes = {c["id"] for c in export["cards"]}
    assert all(c["idCard"] in ids_cartes for c in export["checklists"])
    assert {e["state"] for c in export["checklists"] for e in c["checkItems"]} == {"complete", "incomplete"}


def test_les_pieges_sont_dans_l_export(cartes):
    """Are the pitfalls the lesson teaches all there (and only once each where it matters)?"""
    assert cartes["archivee"].sum() == 1
    assert cartes["liste_archivee"].sum() == 3
    assert not cartes[cartes["liste_archivee"]]["archivee"].any()  # archived list, cards not closed
    termine = cartes["liste"] == outils.LISTE_TERMINE
    assert (termine & ~cartes["echeance_cochee"]).sum() == 1
    assert (~termine & cartes["echeance_cochee"]).sum() == 1
    assert (termine & cartes["bloquee"]).sum() == 1
    assert cartes["etiquettes"].str.contains("sans nom").sum() == 1
    assert (cartes["membres"] == "").sum() == 1
    # Due dates in UTC, around midnight in Paris: the cart opens at 0 h on 18 May.
    ouverture = cartes[cartes["carte"] == "Ouvrir le panier"]["echeance"].iloc[0]
    assert ouverture.date() == date(2027, 5, 17)
    assert outils.heure_de_paris(ouverture).date() == date(2027, 5, 18)


# --- Reading it ---------------------------------------------------------------------------------

def test_tableaux_simples(export, cartes):
    """Are the tables plain (names, booleans, UTC timestamps), in the screen's order?"""
    assert list(cartes.columns[:7]) == ["carte", "liste", "liste_archivee", "archivee", "echeance",
                                        "echeance_cochee", "bloquee"]
    assert str(cartes["echeance"].dt.tz) == "UTC"
    assert cartes["liste"].iloc[0] == "À faire" and len(cartes) == len(export["cards"])
    listes = outils.listes_trello(export)
    assert list(listes["liste"]) == ["À faire", "En cours", "En relecture", "Terminé",
                                     "Idées (ancien tableau)"]
    assert listes["cartes"].sum() == len(cartes)


def test_heure_de_paris_ete_et_hiver():
    """Is Paris UTC+2 in summer and UTC+1 in winter, and is a time without zone refused?"""
    ete = outils.heure_de_paris("2027-05-25T21:59:00.000Z")
    assert (ete.day, ete.hour, ete.minute) == (25, 23, 59)
    hiver = outils.heure_de_paris("2027-03-18T17:00:00.000Z")
    assert hiver.hour == 18
    with pytest.raises(ErreurOBM, match="fuseau"):
        outils.heure_de_paris("2027-05-25 21:59")
    with pytest.raises(ErreurOBM):
        outils.heure_de_paris(12)


def test_moment_paris_se_compare_aux_echeances(cartes):
    """Does a Paris moment compare with UTC due dates as instants?"""
    moment = outils.moment_paris("2027-05-04 00:00")
    minuit = cartes[cartes["carte"] == "Mettre les modules en ligne"]["echeance"].iloc[0]
    assert not minuit < moment and not minuit > moment
    with pytest.raises(ErreurOBM):
        outils.moment_paris(20270504)


def test_regle_du_retard(cartes):
    """Does the course's overdue rule leave out archived cards, archived lists and both « done »
    signals, and does misreading UTC as Paris change the answer at 23 h the evening before?"""
    mardi = outils._cartes_en_retard(cartes, outils.moment_paris("2027-05-04 09:00"))
    assert sorted(mardi["carte"]) == ["Mettre les modules en ligne", "Monter la bande-annonce"]
    lundi_soir = outils.moment_paris("2027-05-03 23:00")
    juste = outils._cartes_en_retard(cartes, lundi_soir)
    erreur = outils._cartes_en_retard(cartes, lundi_soir, heure_utc_lue_comme_paris=True)
    assert len(juste) == 1 and len(erreur) == 2


def test_automatisations_et_quotas():
    """Do the May automations put Trello under its run quota but over it if counted in actions,
    and monday.com over its action quota but under it if counted in triggers?"""
    auto = outils.automatisations_du_lancement()
    trello, monday = auto[auto["outil"] == "Trello"], auto[auto["outil"] == "monday.com"]
    quota_t = outils.QUOTAS_AUTOMATISATION["Trello"]["quota"]
    quota_m = outils.QUOTAS_AUTOMATISATION["monday.com"]["quota"]
    assert trello["declenchements_mai"].sum() <= quota_t
    assert (trello["declenchements_mai"] * trello["actions_par_declenchement"]).sum() > quota_t
    assert (monday["declenchements_mai"] * monday["actions_par_declenchement"]).sum() > quota_m
    assert monday["declenchements_mai"].sum() <= quota_m


# --- The files for the tools -----------------------------------------------------------------

def test_retroplanning_du_lancement():
    """Is the plan module 03's lesson plan, towards the cart opening, with one person per task?"""
    plan = outils.retroplanning_du_lancement()
    assert plan["fin"].max() < clara().lancement.ouverture_panier
    assert plan.loc["MARGE", "duree"] == 6 and plan.loc["MARGE", "critique"]
    assert set(plan["responsable"]) <= set(outils.emails_equipe())


def _dictionnaires_de_la_lecon_03():
    """The `durees` and `predecesseurs` dictionaries of module 03's lesson (public)."""
    import ast

    lecon = json.loads((RACINE / "course" / "modules" / "03_retroplanning" / "lecon.ipynb")
                       .read_text(encoding="utf-8"))
    trouves = {}
    for cellule in lecon["cells"]:
        if cellule["cell_type"] != "code":
            continue
        for noeud in ast.parse("".join(cellule["source"])).body:
            if (isinstance(noeud, ast.Assign) and len(noeud.targets) == 1
                    and isinstance(noeud.targets[0], ast.Name)
                    and noeud.targets[0].id in ("durees", "predecesseurs")
                    and noeud.targets[0].id not in trouves):
                trouves[noeud.targets[0].id] = ast.literal_eval(noeud.value)
    return trouves["durees"], trouves["predecesseurs"]


def test_le_plan_du_module_11_ne_donne_pas_l_exercice_03():
    """Module 11's functions reach every learner: their plan must be the lesson 03 plan (public),
    never exercise 03's, whose tasks, durations, predecessors and dates are graded there."""
    durees, predecesseurs = _dictionnaires_de_la_lecon_03()
    taches = {i: (d, p) for i, _, d, p, _ in outils.TACHES_LANCEMENT if i != "MARGE"}
    assert taches == {i: (durees[i], predecesseurs[i]) for i in durees}
    plan = outils.retroplanning_du_lancement()
    assert not {"BA", "MAIL", "PROG"} & set(plan.index)
    assert plan["debut"].min() not in (date(2027, 3, 15), date(2027, 3, 23))


def test_le_tableau_trello_raconte_la_meme_histoire_que_le_suivi_05():
    """One Clara: every card of the board's « Terminé » list that is a task of the module 05
    tracking sheet (the reference plan Clara approved, public data) is due on its planned finish
    there, so that the board and the sheet never give two dates for one task."""
    import pandas as pd

    from obm.donnees import chemin_donnees
    from obm.outils import cartes_trello, export_trello, heure_de_paris

    feuille = pd.read_csv(chemin_donnees("suivi_lancement.csv"))
    fins = feuille.drop_duplicates("tache").set_index("tache")["fin_prevue"]
    cartes = cartes_trello(export_trello())
    terminees = cartes[(cartes["liste"] == "Terminé") & cartes["carte"].isin(fins.index)]
    assert len(terminees) >= 6
    for _, carte in terminees.iterrows():
        assert str(heure_de_paris(carte["echeance"]).date()) == fins[carte["carte"]], carte["carte"]


def test_ecrire_imports_se_relisent(tmp_path, monkeypatch):
    """Are the Asana and monday.com files readable with the columns and date formats their
    importers document, and does the Trello page list one card per line?"""
    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path))
    asana, monday, trello = outils.ecrire_imports()
    with open(asana, encoding="utf-8", newline="") as f:
        lignes = list(csv.DictReader(f))
    assert list(lignes[0])[:3] == ["Name", "Description", "Assignee"]
    assert list(lignes[0])[-3:] == ["Start Date", "Due Date", "Dependencies"]
    for ligne in lignes:
        assert datetime.strptime(ligne["Due Date"], "%m/%d/%Y")
        assert ligne["Assignee"].count("@") == 1 and "," not in ligne["Assignee"]
    page = next(ligne for ligne in lignes if ligne["Name"] == "Écrire la page de vente")
    assert page["Due Date"] == "05/03/2027"  # 3 May, not 5 March
    assert page["Assignee"] == "samir@example.org"
    assert page["Dependencies"] == "Valider l'offre et les prix"
    marge = next(ligne for ligne in lignes if ligne["Name"] == "Marge de sécurité")
    assert set(marge["Dependencies"].split(",")) == {"Mettre les modules en ligne",
                                                     "Intégrer la page de vente",
                                                     "Paramétrer le paiement en 3 fois"}
    with open(monday, encoding="utf-8", newline="") as f:
        lignes_m = list(csv.DictReader(f))
    assert list(lignes_m[0])[0] == "Tâche" and "Responsable" in lignes_m[0]
    assert all(date.fromisoformat(ligne["Fin"]) for ligne in lignes_m)
    texte = trello.read_text(encoding="utf-8")
    assert texte.startswith("# ") and "Intégrer la page de vente\n" in texte


def test_exporter_asana_refuse_deux_responsables(tmp_path):
    """Does the Asana export refuse two assignees, or a first name instead of an e-mail?"""
    from obm.planification import exporter_asana_csv

    plan = outils.retroplanning_du_lancement()
    with pytest.raises(ErreurOBM, match="qu'un par tâche"):
        exporter_asana_csv(plan, tmp_path / "a.csv", responsables={"INT": "lea@example.com,samir@example.org"})
    with pytest.raises(ErreurOBM, match="adresse e-mail"):
        exporter_asana_csv(plan, tmp_path / "a.csv", responsables={"INT": "Léa"})
    with pytest.raises(ErreurOBM, match="ZZZ"):
        exporter_asana_csv(plan, tmp_path / "a.csv", responsables={"ZZZ": "lea@example.com"})


def test_controle_tableau(tmp_path, monkeypatch):
    """Is the checklist written as Markdown with a title, and is the untouched stub refused?"""
    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path))
    with pytest.raises(ErreurOBM, match="pas encore"):
        outils.ecrire_controle_tableau(...)
    chemin = outils.ecrire_controle_tableau("- un problème\n- un autre problème, avec sa carte et son action")
    assert chemin.name == "11_controle_tableau.md"
    assert chemin.read_text(encoding="utf-8").startswith("# ")


def test_widget_heure_et_lecture_utc(cartes):
    """Does the widget recount the overdue cards when the hour moves and when UTC is misread?"""
    from obm.widgets import cartes_en_retard_interactives

    vue = cartes_en_retard_interactives(cartes, "2027-05-03 12:00", "2027-05-04 09:00")
    assert len(vue.en_retard) == 2 and "2 cartes en retard" in vue.resultat.value
    vue.heure.value -= 10  # lundi 3 mai, 23 h
    assert "23 h" in vue.valeur_heure.value and len(vue.en_retard) == 1
    vue.lecture_utc.value = True
    assert len(vue.en_retard) == 2


def test_export_json_valide():
    """Is the data file plain UTF-8 JSON (no BOM), as Trello writes it?"""
    brut = (RACINE / "data" / outils.EXPORT_TRELLO).read_bytes()
    assert not brut.startswith(b"\xef\xbb\xbf")
    json.loads(brut.decode("utf-8"))
    assert isinstance(outils.cartes_trello(json.loads(brut))["echeance"].iloc[0], pd.Timestamp)
