"""obm.vision (module 15): OKR scoring from a baseline, the form check, orphan projects and
uncovered key results, the OKR tree (image and Markdown), Clara's year 2027.

Worked examples of reference/domain-modules.md § 15: 45/50 sales → 0.9; completion from a 40 %
baseline to 51 % with a 60 % target → (51 − 40) / (60 − 40) = 0.55; « Refonte du logo » orphan.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image

from obm import vision
from obm.donnees import clara
from obm.erreurs import ErreurOBM

# ------------------------------------------------------------------ scoring


def test_score_depuis_la_valeur_de_depart():
    """Does the score start from the baseline, as the worked examples of the reference?"""
    assert vision.score_resultat_cle(0, 50, 45) == pytest.approx(0.9)
    assert vision.score_resultat_cle(0.40, 0.60, 0.51) == pytest.approx(0.55)
    assert vision.score_resultat_cle(142, 180, 175) == pytest.approx(33 / 38)
    assert 0.51 / 0.60 != pytest.approx(vision.score_resultat_cle(0.40, 0.60, 0.51))


def test_score_borne_a_zero_et_un():
    """Is a key result beyond its target scored 1.0, and one that went backwards 0.0?"""
    assert vision.score_resultat_cle(0, 50, 100) == 1.0
    assert vision.score_resultat_cle(142, 180, 130) == 0.0
    assert type(vision.score_resultat_cle(0, 50, 25)) is float


def test_score_cible_plus_basse_que_le_depart():
    """Does a target below the baseline (refunds to bring down) score the way down?"""
    assert vision.score_resultat_cle(0.06, 0.04, 0.05) == pytest.approx(0.5)
    assert vision.score_resultat_cle(0.06, 0.04, 0.03) == 1.0


@pytest.mark.parametrize("arguments", [(0, 0, 5), (True, 50, 40), (0, "50", 40), (0, 50, math.nan),
                                       (0, 50, None)])
def test_score_refuse_l_impossible(arguments):
    """Are a target equal to the baseline, a bool, text, NaN and None refused in French?"""
    with pytest.raises(ErreurOBM):
        vision.score_resultat_cle(*arguments)


def test_score_accepte_numpy():
    assert vision.score_resultat_cle(np.int64(0), np.float64(50.0), np.int64(45)) == pytest.approx(0.9)


@pytest.mark.parametrize("note, couleur", [(1.0, "vert"), (0.7, "vert"), (0.65, "jaune"),
                                           (0.4, "jaune"), (0.39, "rouge"), (0.0, "rouge")])
def test_couleur_score(note, couleur):
    assert vision.couleur_score(note) == couleur


def test_couleur_refuse_une_note_hors_bornes():
    with pytest.raises(vision.OKRInvalide, match="de 0 à 1"):
        vision.couleur_score(1.15)


# ------------------------------------------------------------------ the form check

OBJECTIFS = [{"id": f"O{i}", "titre": f"Objectif {i}", "type": "ambitieux"} for i in range(1, 4)]


def _rc(i, objectif, texte):
    return {"id": f"{objectif}-RC{i}", "objectif": objectif, "texte": texte}


def test_verifier_okr_accepte_un_bon_jeu():
    resultats = [_rc(1, o["id"], f"{10 * n} ventes au 30 juin") for n, o in enumerate(OBJECTIFS, 1)]
    assert vision.verifier_okr(OBJECTIFS, resultats) == []


def test_verifier_okr_trop_d_objectifs():
    """Ten objectives (a typical mistake): is it flagged, saying 3 to 5?"""
    dix = [{"id": f"O{i}", "titre": f"Objectif {i}"} for i in range(1, 11)]
    resultats = [_rc(1, o["id"], "10 ventes") for o in dix]
    problemes = vision.verifier_okr(dix, resultats)
    assert len(problemes) == 1 and "10 objectifs" in problemes[0] and "de 3 à 5" in problemes[0]


def test_verifier_okr_trop_de_resultats_cles_taches_et_sans_nombre():
    resultats = [_rc(i, "O1", f"{i} ventes") for i in range(1, 7)]
    resultats += [_rc(1, "O2", "Lancer le webinaire"), _rc(1, "O3", "Plus de membres dans le Cercle")]
    problemes = vision.verifier_okr(OBJECTIFS, resultats)
    assert any("6 résultats clés" in p for p in problemes)
    assert any("O2-RC1" in p and "tâche" in p for p in problemes)
    assert any("O3-RC1" in p and "pas de nombre" in p for p in problemes)
    assert len(problemes) == 3


def test_verifier_okr_objectif_sans_resultat_cle_et_objectif_inconnu():
    resultats = [_rc(1, "O1", "5 ventes"), _rc(1, "O2", "5 ventes"), _rc(1, "O9", "5 ventes")]
    problemes = vision.verifier_okr(OBJECTIFS, resultats)
    assert any("O3 n'a aucun résultat clé" in p for p in problemes)
    assert any("O9" in p and "n'existe pas" in p for p in problemes)


@pytest.mark.parametrize("objectifs, resultats", [
    ([], []), ("O1", []), ([{"id": "O1"}], []),
    ([{"id": "O1", "titre": "x", "type": "prime"}], []),
    (OBJECTIFS + OBJECTIFS[:1], []), (OBJECTIFS, "O1-RC1"), (OBJECTIFS, [{"texte": "5 ventes"}]),
])
def test_verifier_okr_refuse_une_forme_fausse(objectifs, resultats):
    with pytest.raises(vision.OKRInvalide):
        vision.verifier_okr(objectifs, resultats)


# ------------------------------------------------------------------ orphans and uncovered KRs


def test_orphelins_et_non_couverts():
    """A project linked only to an objective, or to a dropped KR, stays an orphan; a KR is
    covered only by a project linked to it."""
    resultats = ["O1-RC1", "O1-RC2", "O2-RC1"]
    projets = {"A": ["O1-RC1"], "B": ["O1"], "C": [], "D": ["O1-RC9"], "E": ["O1-RC1", "O2-RC1"]}
    assert vision.projets_orphelins(projets, resultats) == ["B", "C", "D"]
    assert vision.resultats_cles_non_couverts(projets, resultats) == ["O1-RC2"]
    assert vision.projets_orphelins(projets, [{"id": r} for r in resultats]) == ["B", "C", "D"]


@pytest.mark.parametrize("projets", [["A"], {"A": "O1-RC1"}, {"A": None}])
def test_projets_forme_fausse(projets):
    with pytest.raises(vision.OKRInvalide):
        vision.projets_orphelins(projets, ["O1-RC1"])


# ------------------------------------------------------------------ Clara and the tree


def test_okr_clara_concorde_avec_les_faits():
    """Clara's OKRs are consistent with her other facts and pass the form check."""
    okr = vision.okr_clara()
    faits = clara()
    rc = {r["id"]: r for r in okr["resultats_cles"]}
    assert rc["O1-RC1"]["cible"] == faits.lancement.objectif_ventes
    assert rc["O1-RC2"]["depart"] == faits.audience.liste_email
    assert vision.MIN_OBJECTIFS <= len(okr["objectifs"]) <= vision.MAX_OBJECTIFS
    assert vision.verifier_okr(okr["objectifs"], okr["resultats_cles"]) == []
    assert vision.projets_orphelins(okr["projets"], okr["resultats_cles"]) == ["Refonte du logo"]
    assert vision.resultats_cles_non_couverts(okr["projets"], okr["resultats_cles"]) == ["O1-RC4"]


def test_arbre_markdown_et_image(tmp_path, monkeypatch):
    """The deliverable: the PNG reads back with PIL, the Markdown has the vision, every KR, the
    orphan and the uncovered KR, each flagged with a word."""
    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path))
    okr = vision.okr_clara()
    arbre = vision.arbre_okr(okr["vision"], okr["objectifs"], okr["resultats_cles"], okr["projets"],
                             mission=okr["mission"], titre="Arbre d'OKR 2027 de Clara")
    png, md = vision.ecrire_arbre_okr(arbre)
    assert (png.name, md.name) == ("15_arbre_okr.png", "15_arbre_okr.md")
    with Image.open(png) as image:
        assert image.format == "PNG" and image.width > 800 and image.height > 200
    texte = md.read_text(encoding="utf-8")
    assert texte.startswith("# Arbre d'OKR 2027 de Clara")
    assert okr["vision"].split(",")[0] in texte.replace("\u202f", " ").replace("\u00a0", " ")
    assert all(r["id"] in texte for r in okr["resultats_cles"])
    orphelins = texte.split("## Projets orphelins")[1].split("## Résultats clés non couverts")
    assert "Refonte du logo" in orphelins[0] and "O1-RC4" in orphelins[1]
    assert "non couvert" in texte and arbre.figure.get_label().count("Refonte du logo") == 1


def test_arbre_change_quand_on_relie_l_orphelin():
    okr = vision.okr_clara()
    projets = dict(okr["projets"])
    avant = vision.arbre_okr(okr["vision"], okr["objectifs"], okr["resultats_cles"], projets)
    projets["Refonte du logo"] = ["O1-RC4"]
    apres = vision.arbre_okr(okr["vision"], okr["objectifs"], okr["resultats_cles"], projets)
    assert avant.orphelins == ["Refonte du logo"] and apres.orphelins == []
    assert apres.non_couverts == [] and apres.markdown != avant.markdown


def test_ecrire_arbre_refuse_autre_chose():
    with pytest.raises(vision.OKRInvalide):
        vision.ecrire_arbre_okr("arbre")


def test_membres_presentes_cercle():
    """Members present on a day, as data/README.md counts them (142 on 1 January, 175 on 31 May 2027)."""
    import datetime as dt

    assert vision.membres_presentes_cercle("2027-01-01") == 142
    assert vision.membres_presentes_cercle(dt.date(2027, 5, 31)) == 175
    for jour in ("2027-06-30", "31/05/2027", 2027):
        with pytest.raises(vision.OKRInvalide):
            vision.membres_presentes_cercle(jour)


def test_faire_passer_est_un_resultat_pas_une_tache():
    """« Faire passer X de A à B » is the usual French shape of a key result; « Recruter 2
    freelances » is a task, even with a number."""
    objectifs = [{"id": f"O{i}", "titre": "x"} for i in (1, 2, 3)]
    resultats = [
        {"id": "R1", "objectif": "O1", "texte": "Faire passer le taux d'ouverture de 32 % à 40 %"},
        {"id": "R2", "objectif": "O2", "texte": "Recruter 2 freelances"},
        {"id": "R3", "objectif": "O3", "texte": "Faire 3 lives"},
    ]
    problemes = " ".join(vision.verifier_okr(objectifs, resultats))
    assert "R1" not in problemes and "R2" in problemes and "R3" in problemes


def test_type_engage_avec_ou_sans_accent():
    for type_okr in ("engagé", "engage"):
        resultat = {"id": "O1-RC1", "objectif": "O1", "texte": "2 contrats", "cible": 2}
        arbre = vision.arbre_okr("V", [{"id": "O1", "titre": "T", "type": type_okr}], [resultat],
                                 {"P": ["O1-RC1"]})
        assert "OKR engagé" in arbre.markdown and "départ à mesurer" in arbre.markdown


def test_clara_ne_met_pas_zero_quand_le_depart_est_inconnu():
    """The completion of module 8 and the NPS were never measured: no made-up 0 as a start."""
    rc = {r["id"]: r for r in vision.okr_clara()["resultats_cles"]}
    assert "depart" not in rc["O1-RC3"] and "depart" not in rc["O1-RC4"]
