"""Tests of obm.motivation (module 17): eNPS per group, comment themes, onboarding a freelancer
without a subordination link, the onboarding checklist, the survey data and the small-team widget."""

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from obm import equipe, motivation
from obm.erreurs import ColonneManquante, ErreurOBM, IdentifiantInconnu, TypeInvalide

RACINE = Path(__file__).resolve().parents[1]
GENERATEUR = RACINE / "data" / "generer_enquete_enps.py"


def _generateur():
    spec = importlib.util.spec_from_file_location("generer_enquete_enps", GENERATEUR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def enquete():
    return pd.read_csv(RACINE / "data" / "enquete_enps_maison_lumiere.csv")


def test_les_donnees_correspondent_au_generateur(tmp_path):
    """Does the committed survey equal what data/generer_enquete_enps.py writes (--verifier)?"""
    module = _generateur()
    assert module.fichiers_differents() == []
    assert module.main(["--verifier"]) == 0
    assert module.fichiers_differents(tmp_path) == [module.FICHIER]
    module.generer(tmp_path)
    assert module.fichiers_differents(tmp_path) == []


def test_l_enquete_concorde_avec_la_fiche_de_clara(enquete):
    """Do the survey's sites and size agree with [motivation] of data/clara.toml?"""
    from obm.donnees import clara

    faits = clara().motivation
    assert list(enquete.columns) == ["site", "service", "note", "commentaire"]
    assert sorted(enquete["site"].unique()) == sorted(faits.sites_maison_lumiere)
    assert len(enquete) <= faits.effectif_maison_lumiere
    assert enquete["note"].between(0, 10).all()


def test_chaque_commentaire_a_le_theme_pour_lequel_il_est_ecrit():
    """Is each comment of the generator found under exactly one theme (none for an empty one)?"""
    for _site, _service, _note, commentaire in _generateur().REPONSES:
        themes = motivation.theme_commentaire(commentaire)
        assert len(themes) == (1 if commentaire else 0), (commentaire, themes)


def test_enps_par_site(enquete):
    """Is the eNPS of each site the pinned eNPS of its own marks, the whole survey's in between?"""
    par_site = motivation.enps_par_groupe(enquete, "site")
    assert list(par_site.index) == ["Confluence", "Croix-Rousse"]
    for site, ligne in par_site.iterrows():
        notes = enquete[enquete["site"] == site]["note"]
        assert ligne["enps"] == pytest.approx(equipe.enps(notes))
        assert ligne["reponses"] == ligne["promoteurs"] + ligne["passifs"] + ligne["detracteurs"]
    assert par_site["enps"].min() < equipe.enps(enquete["note"]) < par_site["enps"].max()


def test_enps_par_groupe_refuse_une_colonne_absente(enquete):
    with pytest.raises(ColonneManquante, match="equipe"):
        motivation.enps_par_groupe(enquete, "equipe")
    with pytest.raises(TypeInvalide):
        motivation.enps_par_groupe([9, 8], "site")


def test_themes():
    """Are themes found as whole words, empty comments ignored, the most frequent first?"""
    assert motivation.theme_commentaire("Un merci de temps en temps ferait du bien.") == ["reconnaissance"]
    # « seulement » is not « seule »: whole words only.
    assert motivation.theme_commentaire("On parle de nous seulement quand ça ne va pas.") == []
    assert motivation.theme_commentaire(float("nan")) == [] and motivation.theme_commentaire(None) == []
    comptes = motivation.compter_themes(pd.Series(["Seule à l'accueil.", "Trop de tâches.",
                                                   "Belle ambiance.", float("nan")]))
    assert comptes == {"charge de travail": 2, "ambiance": 1}
    assert list(comptes)[0] == "charge de travail"
    with pytest.raises(TypeInvalide):
        motivation.compter_themes("un seul texte")


def test_controler_integration():
    """Are the elements that look like an employment contract flagged, and missing essentials named?"""
    controle = motivation.controler_integration(
        ["devis_signe", "acces_limites", "cahier_des_charges", "canaux_et_delais", "conditions_paiement",
         "premier_livrable", "horaires_imposes", "entretien_annuel"])
    assert controle.subordination == ["horaires_imposes", "entretien_annuel"]
    assert controle.manquants == [] and not controle.sans_risque
    assert "✅" in str(motivation.controler_integration(list(motivation.ELEMENTS_INTEGRATION)[:9]))
    sans_devis = motivation.controler_integration(["raci"])
    assert "devis_signe" in sans_devis.manquants and sans_devis.sans_risque
    with pytest.raises(IdentifiantInconnu):
        motivation.controler_integration(["pointeuse"])
    with pytest.raises(ErreurOBM):
        motivation.controler_integration([])


def test_checklist_integration_se_relit(tmp_path):
    """Is the onboarding checklist a Markdown file with a title, checkboxes and the don'ts?"""
    chemin = motivation.ecrire_checklist_integration(
        tmp_path / "17_checklist_integration.md", prenom="Anaïs", mission="monter les épisodes du podcast")
    texte = Path(chemin).read_text(encoding="utf-8")
    assert texte.startswith("# Liste d'intégration") and "Anaïs" in texte.splitlines()[0]
    cases = [ligne for ligne in texte.splitlines() if ligne.startswith("- [ ] ")]
    assert len(cases) == sum(1 for _l, risque, _p in motivation.ELEMENTS_INTEGRATION.values() if not risque)
    assert "subordination" in texte and "horaires" not in " ".join(cases).lower()
    with pytest.raises(ErreurOBM):
        motivation.ecrire_checklist_integration(tmp_path / "x.md", prenom=" ", mission="m")


def test_widget_petite_equipe():
    """Does one person moving from 8 to 9 in a team of four move the eNPS by 25 points?"""
    from obm.widgets import enps_petite_equipe_interactif

    vue = enps_petite_equipe_interactif({"Léa": 9, "Hugo": 8, "Inès": 8, "Samir": 6})
    assert ">0<" in vue.resultat.value and "25\u00a0points" in vue.resultat.value
    vue.curseurs[1].value = 9
    assert ">+25<" in vue.resultat.value
    with pytest.raises(ErreurOBM):
        enps_petite_equipe_interactif({"Léa": 11})
