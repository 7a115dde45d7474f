"""obm.facturation (module 20): the forfait, its revision clause, the invoice's mandatory
mentions, the e-invoicing calendar and the two deliverables."""

from __future__ import annotations

import datetime as dt

import pytest

from obm import facturation as f
from obm.donnees import clara
from obm.erreurs import DonneesInvalides, ErreurOBM, TypeInvalide


def _facture_complete(**changements):
    facture = {
        "titre": "Facture", "numero": "2026-014", "date_emission": dt.date(2026, 5, 29),
        "date_prestation": "mai 2026", "vendeur": "Prénom Nom EI, 3 rue des Lilas, 69003 Lyon",
        "siren": "912 345 678", "client": "Clara Morel EI, Lyon", "designation": "Forfait OBM, mai 2026",
        "quantite": 1, "prix_unitaire_ht": 1375, "mention_tva": "TVA non applicable, art. 293 B du CGI",
        "total": 1375, "date_echeance": dt.date(2026, 6, 28), "taux_penalites": 0.1215,
        "indemnite_recouvrement": 40, "escompte": "Pas d'escompte pour paiement anticipé",
    }
    facture.update(changements)
    return facture


def test_forfait_et_depassement_du_cas_de_clara():
    """Are Clara's forfait (25 h × 55 €) and a 31-hour month (6 h at the overage rate) right?"""
    cas = clara().devenir_obm
    forfait = f.forfait_mensuel(cas.heures_incluses_par_mois, cas.taux_horaire_ht)
    assert forfait == 1375.0 and type(forfait) is float
    assert f.montant_mensuel(31, 25, 55, 60) == 1735.0
    # A forfait is due in full even when fewer hours were worked.
    assert f.montant_mensuel(20, 25, 55, 60) == 1375.0


def test_revision_syntec():
    """Does the revision clause give P1 = P0 × S1 / S0 (1 375 × 309 / 300 = 1 416,25 €)?"""
    assert f.prix_revise(1375, 300, 309) == pytest.approx(1416.25)
    with pytest.raises(DonneesInvalides):
        f.prix_revise(1375, 0, 309)
    with pytest.raises(DonneesInvalides):
        f.prix_revise(-1375, 300, 309)


def test_entrees_impossibles_refusees_en_francais():
    """Are negative hours, text amounts and booleans refused with an obm error?"""
    with pytest.raises(DonneesInvalides):
        f.forfait_mensuel(-25, 55)
    with pytest.raises(ErreurOBM):
        f.forfait_mensuel("25", 55)
    with pytest.raises(ErreurOBM):
        f.montant_mensuel(True, 25, 55, 60)


def test_plancher_des_penalites_et_calendrier_electronique():
    """Is the penalty floor 3 × the professional legal rate (7,86 % in the first half of 2026),
    and do the e-invoicing obligations start on 1 Sept 2026 (receive) and 1 Sept 2027 (issue)?"""
    assert f.taux_penalites_minimum("2026-05-29") == pytest.approx(0.0786)
    assert f.taux_penalites_minimum("2025-03-01") == pytest.approx(3 * 0.0371)
    assert f.facture_electronique("2026-08-31") == {"recevoir": False, "emettre": False}
    assert f.facture_electronique("2026-09-01") == {"recevoir": True, "emettre": False}
    assert f.facture_electronique(dt.date(2027, 9, 1)) == {"recevoir": True, "emettre": True}


def test_facture_complete_conforme():
    """Does a complete invoice from a VAT-exempt OBM to a business client pass?"""
    controle = f.controler_facture(_facture_complete())
    assert controle.conforme and controle.a_corriger == []
    assert "✅" in str(controle)


@pytest.mark.parametrize("changements, code", [
    ({"mention_tva": "TVA non applicable"}, "mention_tva"),
    ({"indemnite_recouvrement": None}, "indemnite_recouvrement"),
    ({"taux_penalites": 0.05}, "taux_penalites"),
    ({"siren": ""}, "siren"),
    ({"vendeur": "Prénom Nom, Lyon"}, "vendeur"),
    ({"date_echeance": dt.date(2026, 8, 31)}, "date_echeance"),
    ({"total": 1300}, "total"),
    ({"indemnite_recouvrement": 15}, "indemnite_recouvrement"),
])
def test_chaque_erreur_typique_est_signalee(changements, code):
    """Is each typical mistake (article 293 B missing, no 40 €, penalties under the floor…) named?"""
    controle = f.controler_facture(_facture_complete(**changements))
    assert controle.a_corriger == [code]
    assert len(controle.remarques) == 1 and "🔁" in str(controle)


def test_particuliere_ni_indemnite_ni_numero_tva_en_franchise():
    """Is the 40 € indemnity flagged on a consumer's invoice, and the VAT number not required in franchise?"""
    controle = f.controler_facture(_facture_complete(), client_professionnel=False)
    assert controle.a_corriger == ["indemnite_recouvrement"]
    assert "particulière" in controle.remarques[0]
    assert f.controler_facture(_facture_complete(indemnite_recouvrement=None),
                               client_professionnel=False).conforme
    assert f.controler_facture(_facture_complete(), franchise_tva=False).a_corriger == ["numero_tva"]


def test_facture_mal_formee():
    """Are a non-dict invoice and an unknown mention refused in French?"""
    with pytest.raises(TypeInvalide):
        f.controler_facture(["Facture"])
    with pytest.raises(DonneesInvalides, match="mention connue"):
        f.controler_facture(_facture_complete(remise="10 %"))


def test_livrables_relus(tmp_path):
    """Do the offer and the contract checklist read back as Markdown with their content?"""
    offre = {"perimetre": ["piloter les lancements"], "exclusions": ["la boîte mail de Clara"],
             "heures_incluses": 25, "taux_horaire_ht": 55, "taux_depassement_ht": 60,
             "indice_revision": "Syntec", "preavis_jours": 30}
    chemin = f.ecrire_offre(offre, tmp_path / "20_mon_offre.md")
    texte = (tmp_path / "20_mon_offre.md").read_text(encoding="utf-8")
    assert chemin.endswith("20_mon_offre.md") and texte.startswith("# Mon offre")
    assert "1\u202f375\u00a0€" in texte and "Syntec" in texte and "la boîte mail de Clara" in texte
    with pytest.raises(DonneesInvalides):
        f.ecrire_offre({**offre, "exclusions": []}, tmp_path / "x.md")
    f.ecrire_checklist_contrat(tmp_path / "20_checklist_contrat.md")
    lignes = (tmp_path / "20_checklist_contrat.md").read_text(encoding="utf-8").splitlines()
    assert lignes[0].startswith("# ")
    assert sum(ligne.startswith("- [ ] ") for ligne in lignes) == len(f.CLAUSES_CONTRAT)
