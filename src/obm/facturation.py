"""Devenir OBM : le forfait, sa clause de révision, la facture et le contrat de prestation.

- ``forfait_mensuel(heures_incluses, taux_horaire_ht)`` et ``montant_mensuel(...)`` : le prix
  d'un forfait d'heures et le montant d'un mois, dépassement compris ;
- ``prix_revise(prix_initial, indice_initial, indice_nouveau)`` : la clause de révision
  P₁ = P₀ × S₁ ÷ S₀ (indice Syntec, par exemple) ;
- ``taux_penalites_minimum(le)`` : le plancher des pénalités de retard entre professionnels,
  3 fois le taux de l'intérêt légal ; ``facture_electronique(le)`` : ce que le calendrier de la
  facturation électronique impose à une micro-entreprise à une date ;
- ``MENTIONS_FACTURE`` et ``controler_facture(facture, ...)`` : les mentions obligatoires d'une
  facture et le contrôle d'une facture écrite en dictionnaire ;
- ``CLAUSES_CONTRAT``, ``ecrire_checklist_contrat(...)`` et ``ecrire_offre(...)`` : la liste de
  contrôle d'un contrat de prestation et ton offre, écrites dans ``livrables/``.

Les chiffres datés (40 €, 3 fois le taux légal, taux de l'intérêt légal, dates de la facturation
électronique) viennent de ``obm.finances.parametre`` : un seul fichier à mettre à jour.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from obm import _validation as v
from obm._affichage import FINE, bloc_html, texte
from obm._affichage import euros as _euros
from obm.erreurs import DonneesInvalides, TypeInvalide

__all__ = [
    "CLAUSES_CONTRAT",
    "MENTIONS_FACTURE",
    "ControleFacture",
    "controler_facture",
    "ecrire_checklist_contrat",
    "ecrire_offre",
    "facture_electronique",
    "forfait_mensuel",
    "montant_mensuel",
    "prix_revise",
    "taux_penalites_minimum",
]

# Les mentions d'une facture entre professionnels (Code de commerce, art. L441-9 ; CGI,
# art. 242 nonies A), dans l'ordre où elles se lisent. Chaque code est aussi la clé du
# dictionnaire d'une facture.
MENTIONS_FACTURE = {
    "titre": "le mot « Facture »",
    "numero": "un numéro unique, dans une suite chronologique sans trou",
    "date_emission": "la date d'émission",
    "date_prestation": "la date ou la période de la prestation",
    "vendeur": "ton nom suivi de « EI » (entrepreneur individuel) et ton adresse",
    "siren": "ton numéro SIREN ou SIRET",
    "numero_tva": "ton numéro de TVA intracommunautaire (seulement si tu factures la TVA)",
    "client": "le nom et l'adresse de la cliente",
    "designation": "la description de la prestation",
    "quantite": "la quantité (heures, forfait)",
    "prix_unitaire_ht": "le prix unitaire hors taxes",
    "mention_tva": "le taux et le montant de TVA, ou « TVA non applicable, art. 293 B du CGI » en franchise",
    "total": "le total à payer",
    "date_echeance": "la date à laquelle le paiement doit être fait",
    "taux_penalites": "le taux des pénalités de retard (au moins 3 fois le taux de l'intérêt légal)",
    "indemnite_recouvrement": "l'indemnité forfaitaire de 40 € pour frais de recouvrement (clientes professionnelles seulement)",
    "escompte": "les conditions d'escompte, ou « pas d'escompte pour paiement anticipé »",
}

# Les clauses d'un contrat de prestation d'OBM : code -> (la clause, la question à se poser).
CLAUSES_CONTRAT = {
    "parties": ("Les parties", "Qui signe ? Nom, statut (EI), SIREN, adresse de chacune."),
    "perimetre": ("Le périmètre et les exclusions",
                  "Qu'est-ce que je fais, et qu'est-ce que je ne fais **pas** (les anciennes tâches d'AV) ?"),
    "heures": ("Les heures incluses et le dépassement",
               ("Combien d'heures par mois, que deviennent les heures non faites, à quel taux et avec "
               "quel accord sont facturées les heures en plus ?")),
    "duree": ("La durée, le renouvellement et le préavis", "Jusqu'à quand, comment on renouvelle, comment on arrête ?"),
    "prix": ("Le prix, la facturation et le paiement",
             "Quel montant, quand je facture, sous combien de jours Clara paie, quelles pénalités ?"),
    "revision": ("La clause de révision",
                 "Quel indice, lié à mon activité (Syntec pour le conseil), et à quelle date ?"),
    "confidentialite": ("La confidentialité", "Que dois-je garder pour moi, pendant et après le contrat ?"),
    "propriete_intellectuelle": ("La propriété intellectuelle",
                                 ("Quels droits je cède sur ce que je crée (procédures, modèles), sur quels "
                                 "supports, pour quel territoire et quelle durée, et à quel moment (au paiement complet) ?")),
    "donnees_personnelles": ("Les données personnelles (RGPD, article 28)",
                             ("Je traite les données des clientes de Clara pour elle : sur ses instructions, "
                             "avec quelle sécurité, quels sous-traitants, que deviennent les données à la fin ?")),
    "independance": ("L'indépendance et la non-sollicitation",
                     ("Je reste prestataire : pas d'horaires imposés, pas de lien de subordination ; "
                     "personne ne débauche l'équipe de l'autre.")),
    "responsabilite": ("La responsabilité et la résiliation",
                       "Jusqu'à quel montant je réponds d'une erreur, et comment chacune peut mettre fin au contrat ?"),
}


# ---------------------------------------------------------------- forfait et révision


def forfait_mensuel(heures_incluses, taux_horaire_ht):
    """Le prix mensuel d'un forfait d'heures, hors taxes : heures incluses × taux horaire.

    Exemple : ``forfait_mensuel(20, 40)`` = 800.0 € par mois.
    """
    heures = v.montant(heures_incluses, "heures_incluses", unite="h")
    taux = v.montant(taux_horaire_ht, "taux_horaire_ht")
    return v.fini(heures * taux, "Le forfait")


def montant_mensuel(heures_realisees, heures_incluses, taux_horaire_ht, taux_depassement_ht):
    """Le montant d'un mois de forfait, hors taxes, dépassement compris.

    Le forfait est dû en entier, même si tu as fait moins d'heures (c'est un forfait) ; les
    heures au-delà des heures incluses se facturent au taux de dépassement, et seulement elles.
    Montant = heures incluses × taux horaire + max(0, heures réalisées − heures incluses) × taux
    de dépassement.
    Exemple : ``montant_mensuel(24, 20, 40, 45)`` = 20 × 40 + 4 × 45 = 980.0 €.
    """
    faites = v.montant(heures_realisees, "heures_realisees", unite="h")
    incluses = v.montant(heures_incluses, "heures_incluses", unite="h")
    depassement = v.montant(taux_depassement_ht, "taux_depassement_ht")
    forfait = forfait_mensuel(incluses, taux_horaire_ht)
    return v.fini(forfait + max(0.0, faites - incluses) * depassement, "Le montant du mois")


def prix_revise(prix_initial, indice_initial, indice_nouveau):
    """Le prix après la clause de révision : P₁ = P₀ × S₁ ÷ S₀ (non arrondi).

    ``indice_initial`` (S₀) est l'indice connu à la signature, ``indice_nouveau`` (S₁) celui de
    la date de révision. L'indice doit avoir un lien avec l'objet du contrat ou l'activité d'une
    des parties (Code monétaire et financier, art. L112-2) : Syntec pour du conseil.
    Exemple : ``prix_revise(1000, 250, 255)`` = 1020.0 €.
    """
    prix = v.montant(prix_initial, "prix_initial")
    s0 = v.positif(indice_initial, "indice_initial", "on divise par l'indice de départ.", unite="")
    s1 = v.montant(indice_nouveau, "indice_nouveau", unite="")
    return v.fini(prix * s1 / s0, "Le prix révisé")


# ---------------------------------------------------------------- chiffres datés


def taux_penalites_minimum(le=None):
    """Le taux minimum des pénalités de retard entre professionnels à une date, en fraction.

    Un taux écrit dans le contrat ou les conditions de paiement ne peut pas être inférieur à
    3 fois le taux de l'intérêt légal des créances des professionnels (Code de commerce,
    art. L441-10). Exemple : ``taux_penalites_minimum("2025-09-01")`` → 3 × 2,76 % = 0.0828.
    Sans taux écrit, c'est le taux par défaut : ``obm.finances.taux_penalites_retard(le)``.
    """
    from obm.finances import parametre

    multiple = parametre("penalites_retard_multiple_taux_legal", le).valeur
    legal = parametre("taux_interet_legal_professionnels", le).valeur
    return multiple * legal


def facture_electronique(le=None):
    """Ce que la facturation électronique impose à une micro-entreprise à une date.

    Renvoie un dictionnaire ``{"recevoir": bool, "emettre": bool}`` : recevoir des factures
    électroniques est obligatoire à partir du 1er septembre 2026, les émettre (pour les PME et
    micro-entreprises) à partir du 1er septembre 2027, entre entreprises, par une plateforme
    agréée. Dates lues dans ``parametres_france.toml``.
    """
    from obm.finances import _date, parametre

    jour = _date(le)

    def _obligatoire(nom):
        try:
            return parametre(nom, jour).valeur == 1
        except DonneesInvalides:  # avant la première date connue : pas encore d'obligation
            return False

    return {"recevoir": _obligatoire("facture_electronique_reception"),
            "emettre": _obligatoire("facture_electronique_emission_pme")}


# ---------------------------------------------------------------- contrôle d'une facture


@dataclass
class ControleFacture:
    """Le résultat de ``controler_facture`` : ``a_corriger`` (les codes des mentions absentes ou
    fausses, dans l'ordre de ``MENTIONS_FACTURE``), ``remarques`` (une phrase par mention) et
    ``conforme`` (rien à corriger)."""

    a_corriger: list = field(default_factory=list)
    remarques: list = field(default_factory=list)

    @property
    def conforme(self) -> bool:
        return not self.a_corriger

    def _contenu(self):
        if self.conforme:
            return "✅ Facture complète", [], ["Toutes les mentions contrôlées sont là."]
        return (f"🔁 {len(self.a_corriger)} mention(s) à corriger", [], list(self.remarques))

    def __str__(self):
        return texte(*self._contenu())

    def _repr_html_(self):
        return bloc_html(*self._contenu(), couleur="#3a7ca5" if self.conforme else "#b35c00")


def _vide(valeur) -> bool:
    return valeur is None or valeur is ... or (isinstance(valeur, str) and not valeur.strip())


def _date_facture(valeur, nom):
    if isinstance(valeur, _dt.datetime):
        return valeur.date()
    if isinstance(valeur, _dt.date):
        return valeur
    raise TypeInvalide(f"`{nom}` doit être une date, par ex. date(2026, 5, 29), pas {valeur!r:.40}.")


def controler_facture(facture, *, client_professionnel=True, franchise_tva=True):
    """Contrôle les mentions obligatoires d'une facture écrite en dictionnaire.

    ``facture`` : un dictionnaire dont les clés sont les codes de ``MENTIONS_FACTURE``
    (``"numero"``, ``"date_emission"``, ``"taux_penalites"``…) ; une mention absente, vide ou
    ``None`` manque. ``client_professionnel`` : la cliente achète pour son activité (l'indemnité
    de 40 € est alors obligatoire ; à une particulière, elle ne se facture jamais).
    ``franchise_tva`` : tu es en franchise en base (la facture porte alors « TVA non applicable,
    art. 293 B du CGI », sans numéro de TVA).
    Contrôles de contenu : « EI » après ton nom, l'article 293 B cité, le taux des pénalités au
    moins égal à 3 fois le taux de l'intérêt légal à la date d'émission, 40 € d'indemnité,
    l'échéance au plus tard 60 jours après l'émission.
    Renvoie un ``ControleFacture`` (``a_corriger``, ``remarques``, ``conforme``).
    """
    from obm.finances import parametre

    if not isinstance(facture, dict):
        raise TypeInvalide("`facture` doit être un dictionnaire {mention: valeur}, par ex. "
                           "{\"titre\": \"Facture\", \"numero\": \"2026-014\", …}.")
    inconnues = [cle for cle in facture if cle not in MENTIONS_FACTURE]
    if inconnues:
        raise DonneesInvalides(f"« {inconnues[0]} » n'est pas une mention connue. Les codes : "
                               + ", ".join(MENTIONS_FACTURE) + ".")
    problemes: dict[str, str] = {}

    def signaler(code, phrase):
        problemes.setdefault(code, phrase)

    for code, libelle in MENTIONS_FACTURE.items():
        if code == "numero_tva" and franchise_tva:
            continue
        if code == "indemnite_recouvrement" and not client_professionnel:
            if not _vide(facture.get(code)):
                signaler(code, f"Indemnité de recouvrement{FINE}: à retirer, elle ne s'applique qu'aux "
                               "clientes professionnelles, jamais à une particulière.")
            continue
        if _vide(facture.get(code)):
            signaler(code, f"Il manque {libelle}.")

    vendeur = facture.get("vendeur")
    if not _vide(vendeur) and not re.search(r"\bE\.?I\b", str(vendeur)):
        signaler("vendeur", f"Vendeur{FINE}: ajoute « EI » (entrepreneur individuel) juste après ton nom.")
    mention = facture.get("mention_tva")
    if franchise_tva and not _vide(mention) and "293 B" not in str(mention).replace("\u00a0", " "):
        signaler("mention_tva", f"TVA{FINE}: en franchise, la mention cite l'article, « TVA non applicable, "
                                "art. 293 B du CGI ».")
    emission = facture.get("date_emission")
    jour = _date_facture(emission, "date_emission") if not _vide(emission) else None
    taux = facture.get("taux_penalites")
    if not _vide(taux):
        taux = v.taux(taux, "taux_penalites")
        plancher = taux_penalites_minimum(jour)
        if taux < plancher - 1e-12:
            signaler("taux_penalites", f"Pénalités de retard{FINE}: le taux est sous le minimum légal, "
                                       "3 fois le taux de l'intérêt légal à la date de la facture.")
    indemnite = facture.get("indemnite_recouvrement")
    if client_professionnel and not _vide(indemnite):
        attendu = parametre("indemnite_forfaitaire_recouvrement", jour).valeur
        if v.montant(indemnite, "indemnite_recouvrement") != attendu:
            signaler("indemnite_recouvrement", f"Indemnité de recouvrement{FINE}: son montant est fixé "
                                               "par le Code de commerce (art. D441-5).")
    echeance = facture.get("date_echeance")
    if jour is not None and not _vide(echeance):
        fin = _date_facture(echeance, "date_echeance")
        if fin < jour or (fin - jour).days > 60:
            signaler("date_echeance", f"Échéance{FINE}: au plus tard 60 jours après la date d'émission "
                                      "(Code de commerce, art. L441-10), et jamais avant.")
    quantite, prix, total = (facture.get(c) for c in ("quantite", "prix_unitaire_ht", "total"))
    if not any(_vide(x) for x in (quantite, prix, total)):
        attendu = v.montant(quantite, "quantite", unite="") * v.montant(prix, "prix_unitaire_ht")
        if abs(v.montant(total, "total") - attendu) > 0.005:
            signaler("total", f"Total{FINE}: il ne vaut pas quantité × prix unitaire ({_euros(attendu)}).")
    ordre = list(MENTIONS_FACTURE)
    codes = sorted(problemes, key=ordre.index)
    return ControleFacture(a_corriger=codes, remarques=[problemes[c] for c in codes])


# ---------------------------------------------------------------- livrables


def ecrire_checklist_contrat(chemin):
    """Écrit la liste de contrôle d'un contrat de prestation d'OBM (Markdown, cases à cocher).

    ``chemin`` : le fichier à écrire, par ex. ``chemin_livrable("20_checklist_contrat.md")``.
    Renvoie le chemin écrit, en texte.
    """
    from pathlib import Path

    lignes = ["# Liste de contrôle : mon contrat de prestation d'OBM", "",
              ("Coche chaque clause quand le contrat (ou l'avenant) y répond. Un devis signé « bon pour "
              "accord » engage les deux parties : relis-le avec la même liste."), ""]
    for libelle, question in CLAUSES_CONTRAT.values():
        lignes.append(f"- [ ] **{libelle}**{FINE}: {question}")
    lignes += ["", ("Sources : Code de commerce, art. L441-9 et L441-10 ; Code monétaire et financier, "
               "art. L112-2 ; RGPD, art. 28 ; Code de la propriété intellectuelle, art. L131-3."), ""]
    chemin = Path(chemin)
    chemin.write_text("\n".join(lignes), encoding="utf-8")
    return str(chemin)


_CLES_OFFRE = ("perimetre", "exclusions", "heures_incluses", "taux_horaire_ht", "taux_depassement_ht",
               "indice_revision", "preavis_jours")


def ecrire_offre(offre, chemin):
    """Écrit ton offre d'OBM (Markdown, une page) et renvoie le chemin écrit, en texte.

    ``offre`` : un dictionnaire avec ``perimetre`` et ``exclusions`` (des listes de textes),
    ``heures_incluses``, ``taux_horaire_ht``, ``taux_depassement_ht``, ``indice_revision`` (le
    nom de l'indice) et ``preavis_jours``. Le forfait mensuel est calculé ici.
    ``chemin`` : par ex. ``chemin_livrable("20_mon_offre.md")``.
    """
    from pathlib import Path

    from obm import fr

    if not isinstance(offre, dict):
        raise TypeInvalide("`offre` doit être un dictionnaire, comme le modèle de l'énoncé.")
    manquantes = [cle for cle in _CLES_OFFRE if _vide(offre.get(cle))]
    if manquantes:
        raise DonneesInvalides(f"Il manque « {manquantes[0]} » dans ton offre : complète le modèle.")
    for cle in ("perimetre", "exclusions"):
        if not isinstance(offre[cle], list) or not offre[cle] or not all(isinstance(x, str) for x in offre[cle]):
            raise DonneesInvalides(f"« {cle} » doit être une liste de textes, au moins un.")
    forfait = forfait_mensuel(offre["heures_incluses"], offre["taux_horaire_ht"])
    lignes = ["# Mon offre d'OBM", "",
              (f"**Forfait mensuel{FINE}:** {fr.euros(forfait)} pour {fr(offre['heures_incluses'])} heures "
              f"par mois ({fr.euros(offre['taux_horaire_ht'])} de l'heure)."), "",
              (f"**Heures en plus{FINE}:** {fr.euros(offre['taux_depassement_ht'])} de l'heure, "
              "avec ton accord écrit avant de les faire."), "",
              f"**Révision{FINE}:** une fois par an, indice de référence{FINE}: {offre['indice_revision']}.", "",
              f"**Préavis{FINE}:** {fr(offre['preavis_jours'])} jours.", "", "## Ce que je fais", ""]
    lignes += [f"- {x}" for x in offre["perimetre"]]
    lignes += ["", "## Ce que je ne fais pas (hors forfait)", ""]
    lignes += [f"- {x}" for x in offre["exclusions"]]
    lignes.append("")
    chemin = Path(chemin)
    chemin.write_text("\n".join(lignes), encoding="utf-8")
    return str(chemin)
