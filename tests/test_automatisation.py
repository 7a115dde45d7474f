"""obm.automatisation (module 14): what is worth automating (yearly gain, payback, the xkcd table
read over five years), what Zapier and Make bill, loops in a flow, Léa's time log and the
automation map written to livrables/."""

from __future__ import annotations

import csv
import importlib.util
import math
from pathlib import Path

import pandas as pd
import pytest

from obm import automatisation as a
from obm.donnees import clara
from obm.erreurs import ErreurOBM

RACINE = Path(__file__).resolve().parents[1]
GENERATEUR = RACINE / "data" / "generer_journal_lea.py"


def _generateur():
    spec = importlib.util.spec_from_file_location("generer_journal_lea", GENERATEUR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- gain, retour, xkcd


def test_gain_annuel_compte_la_maintenance():
    """Does the yearly gain take the maintenance off (domain example: 4 min × 60 sales × 3
    launches = 12 h, maintenance 2 h → 10 h; payback of a 3 h set-up ≈ 0.3 year)?"""
    gain = a.gain_annuel(60 * 3, 4, 2)
    assert gain == pytest.approx(10.0)
    assert a.gain_annuel(60 * 3, 4) == pytest.approx(12.0)
    assert a.delai_de_retour(3, gain) == pytest.approx(0.3)
    assert type(gain) is float


def test_gain_negatif_ne_se_rembourse_jamais():
    """When maintenance eats the gain, is the payback infinite rather than negative?"""
    gain = a.gain_annuel(12, 10, 5)
    assert gain == pytest.approx(-3.0)
    assert a.delai_de_retour(8, gain) == math.inf
    assert a.delai_de_retour(8, 0) == math.inf


def test_xkcd_horizon_de_cinq_ans():
    """xkcd 1205: 1 minute saved weekly is worth 5 × 52 = 260 minutes ≈ 4.3 h, not 52 minutes."""
    assert a.HORIZON_XKCD_ANNEES == 5
    assert a.temps_rentable_xkcd(52, 1) == pytest.approx(260 / 60)
    assert a.temps_rentable_xkcd(52, 1, horizon_annees=1) == pytest.approx(52 / 60)


@pytest.mark.parametrize("appel", [
    lambda: a.gain_annuel(-1, 4),
    lambda: a.gain_annuel(10, "4 min"),
    lambda: a.gain_annuel(True, 4),
    lambda: a.gain_annuel(10, float("nan")),
    lambda: a.delai_de_retour(-2, 5),
    lambda: a.temps_rentable_xkcd(52, 1, horizon_annees=0),
])
def test_entrees_impossibles_levent_l_erreur_obm(appel):
    """Do impossible inputs raise the course's French error?"""
    with pytest.raises(ErreurOBM):
        appel()


# --------------------------------------------------------------------------- Zapier et Make


def _scenario(passages_declencheur=500, passages_apres_filtre=500, actions=3, filtre=False):
    etapes = [{"etape": "Nouvelle ligne", "sorte": "declencheur", "passages": passages_declencheur}]
    if filtre:
        etapes.append({"etape": "Filtre", "sorte": "filtre", "passages": passages_declencheur})
    etapes += [{"etape": f"Action {k}", "sorte": "action", "passages": passages_apres_filtre}
               for k in range(actions)]
    return etapes


def test_taches_zapier_exemples_de_la_reference():
    """Zapier: 500 runs × 3 actions = 1 500 tasks; a filter that stops 60 % → 600; neither the
    trigger nor the filter counts."""
    assert a.taches_zapier(_scenario()) == 1500
    assert a.taches_zapier(_scenario(passages_apres_filtre=200, filtre=True)) == 600
    assert a.taches_zapier(pd.DataFrame(_scenario())) == 1500


def test_operations_make_le_declencheur_compte_chaque_verification():
    """Make: polling every 15 min (96 checks a day) + 2 actions × 50 rows a day = 196 per day,
    5 880 over 30 days; routers and filters are free; an instant trigger counts its runs."""
    etapes = _scenario(passages_declencheur=50 * 30, passages_apres_filtre=50 * 30, actions=2)
    etapes.insert(1, {"etape": "Routeur", "sorte": "routeur", "passages": 1500})
    assert a.operations_make(etapes, verifications=96 * 30) == 5880
    assert a.operations_make(etapes) == 1500 + 3000


@pytest.mark.parametrize("etapes", [
    [],
    [{"sorte": "action", "passages": 3}],
    [{"sorte": "declencheur", "passages": 3}, {"sorte": "étape", "passages": 1}],
    [{"sorte": "declencheur", "passages": 3}, {"sorte": "action", "passages": -1}],
    [{"sorte": "declencheur"}],
    "déclencheur puis action",
])
def test_scenarios_mal_decrits(etapes):
    """Does a flow without exactly one trigger, with an unknown kind, a negative count or a
    missing key raise the French error?"""
    with pytest.raises(ErreurOBM):
        a.taches_zapier(etapes)


# --------------------------------------------------------------------------- boucles


def _flux(ecoute):
    return [
        {"etape": "Nouvelle inscrite", "sorte": "declencheur", "ressource": "Inscriptions", "evenement": ecoute},
        {"etape": "Marquer traitée", "sorte": "action", "ressource": "Inscriptions", "evenement": "modifie"},
        {"etape": "Copier pour relance", "sorte": "action", "ressource": "Inscriptions", "evenement": "cree"},
        {"etape": "Ajouter au suivi", "sorte": "action", "ressource": "Suivi", "evenement": "cree"},
        {"etape": "Lire la fiche", "sorte": "action", "ressource": "Inscriptions", "evenement": "lit"},
    ]


@pytest.mark.parametrize("ecoute, attendu", [
    ("nouveau", ["Copier pour relance"]),
    ("modifie", ["Marquer traitée"]),
    ("nouveau ou modifie", ["Marquer traitée", "Copier pour relance"]),
])
def test_boucles_selon_ce_qu_ecoute_le_declencheur(ecoute, attendu):
    """An action loops when it writes, where the trigger listens, what the trigger listens to;
    writing elsewhere or only reading never loops."""
    assert a.boucles(_flux(ecoute)) == attendu


def test_boucles_declencheur_inconnu():
    with pytest.raises(ErreurOBM):
        a.boucles(_flux("supprime"))


# --------------------------------------------------------------------------- les données de Léa


def test_journal_generateur_a_l_identique(tmp_path):
    """Does `make data` write the same log twice (fixed seed), equal to the committed file?"""
    module = _generateur()
    module.generer(tmp_path)
    assert (tmp_path / module.FICHIER).read_bytes() == (RACINE / "data" / module.FICHIER).read_bytes()


def test_journal_coherent_avec_lea():
    """Four weeks of working days in March 2027, whole minutes, and recurring tasks well under
    Léa's 15 hours a week (data/clara.toml): the rest of her week is the launch."""
    journal = a.journal_taches_lea()
    assert list(journal.columns) == ["date", "tache", "minutes"]
    assert journal["date"].min().isoformat() == "2027-03-01"
    assert journal["date"].max().isoformat() == "2027-03-26"
    assert all(d.weekday() < 5 for d in journal["date"])
    assert journal["minutes"].dtype.kind == "i" and (journal["minutes"] > 0).all()
    heures_lea = clara().membre("Léa").heures_par_semaine
    assert _generateur().HEURES_PAR_SEMAINE_LEA == heures_lea
    semaines = journal.groupby(pd.to_datetime(journal["date"]).dt.isocalendar().week)["minutes"].sum() / 60
    assert len(semaines) == a.SEMAINES_DU_JOURNAL
    assert (semaines < heures_lea / 2).all(), semaines


def test_chaque_candidate_est_une_tache_du_journal():
    """Every automation considered is a task of the log; the one left for a human is not."""
    journal = a.journal_taches_lea()
    candidates = a.candidates_automatisation()
    assert set(candidates["tache"]) < set(journal["tache"])
    assert "Répondre aux questions du Cercle" not in set(candidates["tache"])


def test_classement_sans_egalite_discutable():
    """The exercise ranks the candidates by yearly gain: are two neighbours at least 1 h apart,
    so that no rounding can swap them, and does no payback sit near the 1-year line?"""
    journal = a.journal_taches_lea()
    resume = journal.groupby("tache")["minutes"].agg(["count", "mean"])
    from obm.donnees import clara

    facteur = clara().membre("Léa").semaines_travaillees_par_an / a.SEMAINES_DU_JOURNAL
    gains, delais = [], []
    for ligne in a.candidates_automatisation().itertuples():
        gain = a.gain_annuel(resume.loc[ligne.tache, "count"] * facteur,
                             resume.loc[ligne.tache, "mean"] - ligne.minutes_restantes,
                             ligne.maintenance_heures_par_an)
        gains.append(gain)
        delais.append(a.delai_de_retour(ligne.mise_en_place_heures, gain))
    gains.sort()
    assert all(b - a_ >= 1 for a_, b in zip(gains, gains[1:])), gains
    assert all(abs(d - 1) >= 0.05 for d in delais), delais


# --------------------------------------------------------------------------- le livrable


def test_carte_ecrite_et_relue(tmp_path, monkeypatch):
    """Is the map written as a CSV that the csv module and pandas read back, and as a PNG image?"""
    import matplotlib.image

    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path))
    carte = a.candidates_automatisation().head(2)
    carte["gain_annuel_heures"] = [20.6, 32.2]
    carte["delai_retour_mois"] = [2.33, 1.12]
    chemin_csv, chemin_png = a.ecrire_carte_automatisations(carte)
    assert chemin_csv.name == "14_carte_automatisations.csv"
    assert chemin_png.name == "14_carte_automatisations.png"
    with open(chemin_csv, encoding="utf-8-sig", newline="") as f:
        lignes = list(csv.reader(f, delimiter=";"))
    assert lignes[0] == ["tache", "declencheur", "actions", "outil", "gain_annuel_heures",
                         "delai_retour_mois", "garde"]
    assert len(lignes) == 3 and lignes[1][4] == "20,6" and lignes[2][5] == "1,1"
    relu = pd.read_csv(chemin_csv, sep=";", decimal=",", encoding="utf-8-sig")
    assert relu["gain_annuel_heures"].sum() == pytest.approx(52.8)
    image = matplotlib.image.imread(chemin_png)
    assert image.shape[0] > 100 and image.shape[1] > 400


def test_carte_sans_colonne_refusee(tmp_path, monkeypatch):
    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path))
    with pytest.raises(ErreurOBM):
        a.ecrire_carte_automatisations(a.candidates_automatisation())
    with pytest.raises(ErreurOBM):
        a.ecrire_carte_automatisations("ma carte")


def test_carte_avec_une_automatisation_qui_ne_se_rembourse_jamais(tmp_path, monkeypatch):
    """An infinite payback: an empty cell in the CSV (not « inf »), and the map is still drawn."""
    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path))
    carte = a.candidates_automatisation().tail(1)
    carte["gain_annuel_heures"] = [-1.2]
    carte["delai_retour_mois"] = [math.inf]
    chemin_csv, chemin_png = a.ecrire_carte_automatisations(carte)
    with open(chemin_csv, encoding="utf-8-sig", newline="") as f:
        lignes = list(csv.reader(f, delimiter=";"))
    assert lignes[1][5] == "" and lignes[1][4] == "-1,2"
    assert chemin_png.stat().st_size > 0
