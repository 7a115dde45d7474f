"""One Maëlle: do the final project's data sets agree with data/maelle.toml?

Maëlle Le Goff is the second client, the case of the final project (module 21). Her facts live in
one file, read through `obm.donnees.maelle()`, like Clara's; her data sets (tasks, the week's
workload, the tracking sheet, the cart week's results) are written by data/generer_maelle.py. These
tests recompute the file's figures from the CSV files, check the generator's baseline against
obm.planification, and check that the committed files are what the generator writes.
"""

from __future__ import annotations

import csv
import importlib.util
import math
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from obm.donnees import clara, maelle
from obm.erreurs import IdentifiantInconnu
from obm.finances import prix_ht
from obm.planification import ajouter_tache, est_jour_ouvre, retroplanning

RACINE = Path(__file__).resolve().parents[1]
DATA = RACINE / "data"


def _csv(nom):
    with open(DATA / nom, encoding="utf-8", newline="") as fichier:
        return list(csv.DictReader(fichier))


@pytest.fixture(scope="module")
def faits():
    return maelle()


@pytest.fixture(scope="module")
def generateur():
    spec = importlib.util.spec_from_file_location("generer_maelle", DATA / "generer_maelle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _poste(faits, debut):
    """The budget line whose label starts with ``debut`` (labels hold non-breaking spaces)."""
    (poste,) = [p for p in faits.lancement.budget if p.poste.startswith(debut)]
    return poste


def test_une_autre_cliente_que_clara(faits):
    """Is Maëlle a different client from Clara (trade, offer, team, calendar), with 2027–2028 dates?"""
    c = clara()
    assert (faits.cliente.prenom, faits.cliente.nom) == ("Maëlle", "Le Goff")
    assert faits.cliente.metier != c.clara.metier and faits.cours.nom != c.programme.nom
    assert not {p.prenom for p in faits.equipe} & {p.prenom for p in c.equipe}
    assert faits.lancement.ouverture_panier != c.lancement.ouverture_panier
    dates = [faits.lancement.premier_rendez_vous, faits.lancement.debut_au_plus_tot,
             faits.lancement.ouverture_panier, faits.lancement.fermeture_panier.date(),
             faits.lancement.point_avancement, faits.lancement.semaine_charge]
    assert all(2027 <= d.year <= 2028 for d in dates)
    assert faits.lancement.ouverture_panier.weekday() == 0  # a Monday
    assert faits.lancement.fermeture_panier == datetime(2027, 11, 21, 23, 59)
    assert faits.lancement.point_avancement.weekday() == 4  # the weekly point is on a Friday
    assert faits.lancement.semaine_charge.weekday() == 0
    assert not est_jour_ouvre(faits.lancement.semaine_charge)  # la Toussaint
    with pytest.raises(IdentifiantInconnu, match="équipe de Maëlle"):
        faits.membre("Léa")


def test_le_budget_concorde_avec_l_equipe(faits):
    """Do the budget lines agree with the team (missions, Awa's hours × rate, the OBM's forfait)?"""
    assert _poste(faits, "Malo").montant_ht == faits.membre("Malo").budget_mission_ht
    assert _poste(faits, "Chloé").montant_ht == faits.membre("Chloé").budget_mission_ht
    awa = _poste(faits, "Awa")
    assert awa.montant_ht == awa.heures * faits.membre("Awa").taux_horaire_ht
    obm = _poste(faits, "Ton forfait d'OBM")
    assert obm.montant_ht == faits.obm.heures_par_mois * faits.obm.taux_horaire_ht * len(faits.obm.mois)
    assert _poste(faits, "Publicité").montant_ttc == faits.lancement.budget_pub_ttc
    assert sum(1 for p in faits.lancement.budget if "montant_ttc" in p) == 1
    # 1,5 % of the price + 0,25 € per sale.
    assert math.isclose(faits.lancement.frais_paiement_par_vente, 0.015 * faits.cours.prix_ttc + 0.25)
    assert faits.lancement.objectif_ventes == round(0.02 * faits.audience.liste_email)


def test_les_taches_concordent_avec_le_budget(faits):
    """Do the tasks' hours and budgets agree with the team's budget lines?"""
    taches = _csv("maelle_taches.csv")
    heures_awa = sum(int(t["heures"]) for t in taches if t["responsable"] == "Awa")
    assert heures_awa == _poste(faits, "Awa").heures
    suivi = _csv("maelle_suivi.csv")
    par_personne: dict[str, float] = {}
    for ligne in suivi:
        par_personne[ligne["responsable"]] = par_personne.get(ligne["responsable"], 0) + float(ligne["budget_ht"])
    assert par_personne["Malo"] == faits.membre("Malo").budget_mission_ht
    assert par_personne["Chloé"] == faits.membre("Chloé").budget_mission_ht
    assert par_personne["Awa"] == heures_awa * faits.membre("Awa").taux_horaire_ht
    assert par_personne["Maëlle"] == 0
    assert [l["id"] for l in suivi] == [t["id"] for t in taches]


def test_la_base_du_generateur_est_le_retroplanning_avec_sa_marge(faits, generateur):
    """Is the generator's baseline the rétroplanning of the tasks with the 15 % safety margin?"""
    taches = pd.read_csv(DATA / "maelle_taches.csv")
    sans_marge = retroplanning(taches, faits.lancement.ouverture_panier)
    critique = int(sans_marge[sans_marge["critique"]]["duree"].sum())
    marge = math.ceil(critique * faits.lancement.part_marge_securite)
    plan = retroplanning(ajouter_tache(taches, "MARGE", "Marge de sécurité", marge, "TEST"),
                         faits.lancement.ouverture_panier, debut_au_plus_tot=faits.lancement.debut_au_plus_tot)
    for code, debut in generateur.DEBUTS.items():
        assert plan.loc[code, "debut"] == debut, code
    for ligne in _csv("maelle_suivi.csv"):
        assert date.fromisoformat(ligne["fin_prevue"]) == plan.loc[ligne["id"], "fin"], ligne["id"]
    assert generateur.FERIES.keys() == {d for d in (date(2027, 11, 1), date(2027, 11, 11))}
    assert generateur.OUVERTURE_PANIER == faits.lancement.ouverture_panier
    assert generateur.POINT_AVANCEMENT == faits.lancement.point_avancement
    assert generateur.SEMAINE_CHARGE == faits.lancement.semaine_charge
    assert generateur.PRIX_TTC_CENTIMES == 100 * faits.cours.prix_ttc
    assert generateur.TAUX_AWA == faits.membre("Awa").taux_horaire_ht


def test_la_charge_de_la_semaine_suit_le_plan(faits):
    """Does the week's workload spread each task's hours evenly over its working days in the week?"""
    taches = {t["id"]: t for t in _csv("maelle_taches.csv")}
    semaine = [faits.lancement.semaine_charge + timedelta(days=k) for k in range(5)]
    suivi = {l["id"]: l for l in _csv("maelle_suivi.csv")}
    for ligne in _csv("maelle_charge.csv"):
        tache = taches[ligne["id"]]
        assert ligne["personne"] == tache["responsable"]
        debut, fin = date.fromisoformat(suivi[ligne["id"]]["debut_prevu"]), date.fromisoformat(suivi[ligne["id"]]["fin_prevue"])
        jours = [j for j in semaine if debut <= j <= fin and est_jour_ouvre(j)]
        assert int(ligne["jours"]) == len(jours)
        assert math.isclose(float(ligne["heures"]), int(tache["heures"]) * len(jours) / int(tache["duree"]))


def test_les_resultats_concordent(faits):
    """Do the cart week's results give the file's totals (visits, sales, ad-driven sales, spend, revenue)?"""
    lignes = _csv("maelle_lancement.csv")
    r = faits.lancement.resultats
    assert [l["date"] for l in lignes] == [(faits.lancement.ouverture_panier + timedelta(days=k)).isoformat()
                                           for k in range(7)]
    assert sum(int(l["visites_page_de_vente"]) for l in lignes) == r.visites_page_de_vente
    assert sum(int(l["ventes"]) for l in lignes) == r.ventes
    assert sum(int(l["ventes_pub"]) for l in lignes) == r.ventes_pub
    assert all(int(l["ventes_pub"]) <= int(l["ventes"]) for l in lignes)
    assert round(sum(float(l["depenses_pub_ttc"]) for l in lignes), 2) == r.depenses_pub_ttc
    assert r.depenses_pub_ttc <= faits.lancement.budget_pub_ttc
    for ligne in lignes:
        assert float(ligne["chiffre_affaires_ttc"]) == int(ligne["ventes"]) * faits.cours.prix_ttc
    # The story the exercise tells: below the objective, above the break-even.
    fixes = sum(p.get("montant_ht", 0) for p in faits.lancement.budget) + prix_ht(faits.lancement.budget_pub_ttc)
    marge = prix_ht(faits.cours.prix_ttc) - faits.lancement.frais_paiement_par_vente
    assert fixes / marge < r.ventes < faits.lancement.objectif_ventes


def test_les_fichiers_sont_ceux_du_generateur(generateur):
    """Are the committed CSV files exactly what data/generer_maelle.py writes (`make data`)?"""
    assert generateur.fichiers_differents() == [], generateur.MESSAGE_ECART
