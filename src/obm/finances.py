"""Les finances d'une activité en ligne en France : HT et TTC, seuil de rentabilité, chiffres datés.

- ``prix_ht(prix_ttc)`` et ``prix_ttc(prix_ht)`` : conversions au taux de TVA donné (20 % par
  défaut), calculées en décimal exact et arrondies au centime (la moitié vers le haut). Sur une
  facture, la TVA s'arrondit sur le total, pas ligne par ligne.
- ``seuil_rentabilite(charges_fixes, prix_vente_ht, cout_variable_unitaire)`` : le nombre de
  ventes à partir duquel la marge couvre les charges fixes ; ``seuil_rentabilite_ca`` : le même
  seuil en chiffre d'affaires HT.
- ``parametre(nom, le=...)`` : les chiffres fiscaux et sociaux qui changent chaque année (taux de
  TVA, seuils de franchise, cotisations d'une micro-entrepreneuse, frais Stripe, indemnité de
  40 €, pénalités de retard…), chacun avec sa source et sa date d'application. Ils sont tous
  dans un seul fichier, ``parametres_france.toml`` (à côté de ce module) ;
  ``tableau_parametres()`` les montre tous.
- ``frais_stripe(montant)`` et ``taux_penalites_retard(le)`` se calculent à partir de ces chiffres.

Calcule toujours en hors taxes (HT) : le chiffre d'affaires d'une entreprise, ses marges et son
seuil de rentabilité sont HT ; la TVA encaissée appartient à l'État.
"""

from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, localcontext

from obm import _validation as v
from obm._affichage import FINE, bloc_html, euros, nombre, texte
from obm._affichage import euros as _euros
from obm.erreurs import DonneesInvalides, IdentifiantInconnu, TypeInvalide

__all__ = [
    "Parametre",
    "frais_stripe",
    "parametre",
    "prix_ht",
    "prix_ttc",
    "seuil_rentabilite",
    "seuil_rentabilite_ca",
    "tableau_parametres",
    "taux_penalites_retard",
]

_FICHIER_PARAMETRES = "parametres_france.toml"
_UNITES = ("taux", "euros", "points", "multiple", "obligation")
_CENTIME = Decimal("0.01")
# Enough digits for any finite float (about 1.8e308) and its cents: no rounding but the one we ask.
_PRECISION = 400


# ---------------------------------------------------------------- exact decimal arithmetic


def _exact(x: float, valeur) -> Decimal:
    """The checked number ``x`` as the exact decimal the learner wrote (0.2 -> Decimal('0.2'))."""
    if isinstance(valeur, Decimal):
        return valeur
    return Decimal(repr(x))  # the shortest decimal that reads back as x: 414.17, not 414.1699…


def _montant_exact(valeur, nom: str) -> Decimal:
    return _exact(v.montant(valeur, nom), valeur)


def _taux_tva(taux_tva) -> Decimal:
    return _exact(v.taux(taux_tva, "taux_tva"), taux_tva)


def _arrondi_centime(d: Decimal) -> float:
    return v.fini(float(d.quantize(_CENTIME, rounding=ROUND_HALF_UP)), "Le prix")


def prix_ht(prix_ttc, taux_tva=0.20):
    """Prix hors taxes (HT) à partir d'un prix toutes taxes comprises (TTC).

    HT = TTC ÷ (1 + taux de TVA), arrondi au centime (la moitié vers le haut), calculé en
    décimal exact. ``taux_tva`` est une fraction : 0.20 pour 20 % (le taux normal, par défaut),
    0 pour une entreprise en franchise en base (HT = TTC).
    Exemple : Cap Sérénité à 497 € TTC → ``prix_ht(497)`` = 414.17 € HT (TVA : 82,83 €).
    """
    ttc = _montant_exact(prix_ttc, "prix_ttc")
    taux = _taux_tva(taux_tva)
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return _arrondi_centime(ttc / (1 + taux))


def prix_ttc(prix_ht, taux_tva=0.20):
    """Prix toutes taxes comprises (TTC) à partir d'un prix hors taxes (HT).

    TTC = HT × (1 + taux de TVA), arrondi au centime (la moitié vers le haut), calculé en
    décimal exact. ``taux_tva`` est une fraction : 0.20 pour 20 % (par défaut).
    Exemple : ``prix_ttc(1375)`` = 1650.0 € TTC pour un forfait de 1 375 € HT.
    """
    ht = _montant_exact(prix_ht, "prix_ht")
    taux = _taux_tva(taux_tva)
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return _arrondi_centime(ht * (1 + taux))


def _marge_unitaire(prix_vente_ht, cout_variable_unitaire) -> tuple[Decimal, Decimal]:
    prix = _montant_exact(prix_vente_ht, "prix_vente_ht")
    cout = _montant_exact(cout_variable_unitaire, "cout_variable_unitaire")
    if prix <= cout:
        raise DonneesInvalides(
            f"Le prix de vente HT ({_euros(float(prix))}) ne dépasse pas le coût variable par vente "
            f"({_euros(float(cout))}){FINE}: chaque vente fait perdre de l'argent ou n'en rapporte "
            "pas, aucun nombre de ventes ne couvre les charges fixes. Vérifie que le prix est bien "
            "HT et que le coût est bien par vente."
        )
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return prix, prix - cout


def seuil_rentabilite(charges_fixes, prix_vente_ht, cout_variable_unitaire):
    """Seuil de rentabilité en nombre de ventes (un entier).

    C'est le plus petit nombre entier de ventes dont la marge couvre les charges fixes :
    n × (prix de vente HT − coût variable par vente) ≥ charges fixes. Tous les montants sont
    **HT** (un prix TTC gonflerait la marge de la TVA, qui n'est pas à toi).
    Exemple : 6 500 € de charges fixes, 414,17 € HT par vente, 7,71 € de frais de paiement par
    vente → marge 406,46 € par vente → ``seuil_rentabilite(6500, 414.17, 7.71)`` = 16 ventes.
    Refusé quand le prix ne dépasse pas le coût variable (aucune vente ne rapporte).
    """
    fixes = _montant_exact(charges_fixes, "charges_fixes")
    _, marge = _marge_unitaire(prix_vente_ht, cout_variable_unitaire)
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return int((fixes / marge).to_integral_value(rounding=ROUND_CEILING))


def seuil_rentabilite_ca(charges_fixes, prix_vente_ht, cout_variable_unitaire):
    """Seuil de rentabilité en chiffre d'affaires HT (en euros, non arrondi).

    Seuil = charges fixes ÷ taux de marge sur coûts variables, où le taux de marge =
    (prix de vente HT − coût variable) ÷ prix de vente HT (la marge rapportée au **prix**,
    pas le coût variable rapporté au prix). Exemple : ``seuil_rentabilite_ca(6500, 414.17,
    7.71)`` ≈ 6 623 € HT, à atteindre avant de gagner le premier euro.
    """
    fixes = _montant_exact(charges_fixes, "charges_fixes")
    prix, marge = _marge_unitaire(prix_vente_ht, cout_variable_unitaire)
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        seuil = fixes / (marge / prix)  # charges fixes ÷ taux de marge sur coûts variables
    return v.fini(float(seuil), "Le seuil de rentabilité")


# ---------------------------------------------------------------- dated French figures


@dataclass(frozen=True)
class Parametre:
    """Un chiffre fiscal ou social daté, avec sa source.

    ``nom``, ``libelle``, ``valeur`` (fraction pour un taux : 0.2 pour 20 %), ``unite``
    (« taux », « euros », « points », « multiple »), ``applicable_depuis`` (la date à partir de
    laquelle il s'applique), ``source``, ``a_verifier`` (vrai quand le chiffre n'a pas été relu
    dans le texte officiel : dis-le quand tu le cites) et ``note``.
    """

    nom: str
    libelle: str
    valeur: float
    unite: str
    applicable_depuis: _dt.date
    source: str
    a_verifier: bool
    note: str = ""

    @property
    def valeur_affichee(self) -> str:
        """La valeur écrite à la française : « 25,6 % », « 37 500 € », « 10 points », « 3 fois »."""
        if self.unite == "taux":
            return nombre(100 * self.valeur) + "\u00a0%"
        if self.unite == "euros":
            return euros(self.valeur)
        if self.unite == "points":
            return nombre(100 * self.valeur) + "\u00a0points"
        if self.unite == "obligation":
            return "obligatoire" if self.valeur else "non obligatoire"
        return nombre(self.valeur) + "\u00a0fois"

    def _contenu(self):
        from obm.fr import date

        lignes = [("Valeur", self.valeur_affichee),
                  ("S'applique depuis le", date(self.applicable_depuis, "long")),
                  ("Source", self.source)]
        phrases = [self.note] if self.note else []
        if self.a_verifier:
            phrases.append(f"À vérifier{FINE}: ce chiffre n'a pas été relu dans le texte officiel.")
        return self.libelle, lignes, phrases

    def __str__(self):
        return texte(*self._contenu())

    def _repr_html_(self):
        return bloc_html(*self._contenu(), couleur="#b35c00" if self.a_verifier else "#3a7ca5")


@functools.cache
def _table() -> dict[str, list[Parametre]]:
    """The TOML file, read once: {name: [values from the oldest to the newest]}."""
    import tomllib  # here, not at import time: `import obm.finances` stays light
    from importlib import resources

    texte_toml = resources.files("obm").joinpath(_FICHIER_PARAMETRES).read_text(encoding="utf-8")
    brut = tomllib.loads(texte_toml)
    table = {}
    for nom, entree in brut.items():
        table[nom] = [
            Parametre(nom=nom, libelle=entree["libelle"], valeur=valeur["valeur"],
                      unite=entree["unite"], applicable_depuis=valeur["applicable_depuis"],
                      source=valeur["source"], a_verifier=valeur["a_verifier"],
                      note=valeur.get("note", ""))
            for valeur in entree["valeurs"]
        ]
    return table


def _date(le, nom="le") -> _dt.date:
    """A date, a datetime, a pandas Timestamp (a datetime) or an ISO text -> a date."""
    if le is None:
        return _dt.date.today()
    if type(le).__name__ == "NaTType":  # pandas' empty date, a datetime that is no date
        raise TypeInvalide(f"`{nom}` est vide (NaT){FINE}: donne une date, par ex. date(2027, 5, 18).")
    if isinstance(le, _dt.datetime):
        return le.date()
    if isinstance(le, _dt.date):
        return le
    if isinstance(le, str):
        try:
            return _dt.date.fromisoformat(le.strip())
        except ValueError:
            pass
    raise TypeInvalide(
        f"`{nom}` doit être une date, par ex. date(2027, 5, 18) ou \"2027-05-18\", pas {le!r:.40}."
    )


def parametre(nom, le=None):
    """Un chiffre fiscal ou social français en vigueur à une date, avec sa source.

    ``nom`` : le nom du chiffre (``tableau_parametres()`` les liste tous), par ex.
    ``"tva_taux_normal"``, ``"micro_social_liberal"``, ``"franchise_tva_services_seuil"``,
    ``"indemnite_forfaitaire_recouvrement"`` ; ``le`` : la date qui t'intéresse (par défaut,
    aujourd'hui), par ex. ``date(2027, 5, 18)`` ou ``"2027-05-18"``.
    Renvoie un objet avec ``valeur`` (une fraction pour un taux : 0.256 pour 25,6 %),
    ``applicable_depuis``, ``source``, ``a_verifier``, ``libelle`` et ``note``.
    Exemple : ``parametre("micro_social_liberal", le="2026-03-01").valeur`` → 0.256.
    """
    if not isinstance(nom, str):
        raise TypeInvalide(f'`nom` doit être le nom d\'un chiffre entre guillemets, par ex. '
                           f'"tva_taux_normal", pas {nom!r:.40}.')
    table = _table()
    cle = nom.strip()
    if cle not in table:
        import difflib

        proches = difflib.get_close_matches(cle, table, n=3, cutoff=0.5)
        aide = (" Voulais-tu dire " + " ou ".join(f"« {p} »" for p in proches) + " ?") if proches \
            else " La liste complète : tableau_parametres()."
        raise IdentifiantInconnu(f"Le cours n'a pas de chiffre nommé « {cle} ».{aide}")
    jour = _date(le)
    en_vigueur = [p for p in table[cle] if p.applicable_depuis <= jour]
    if not en_vigueur:
        from obm.fr import date

        premiere = table[cle][0].applicable_depuis
        raise DonneesInvalides(
            f"Le cours ne connaît pas « {cle} » avant le {date(premiere, 'long')} : choisis une "
            "date plus récente, ou ajoute la valeur ancienne dans parametres_france.toml."
        )
    return en_vigueur[-1]


def tableau_parametres(le=None):
    """Tous les chiffres fiscaux et sociaux du cours en vigueur à une date (par défaut, aujourd'hui).

    Renvoie un tableau (DataFrame) indexé par ``nom``, colonnes ``libelle``, ``valeur``,
    ``valeur_affichee``, ``unite``, ``applicable_depuis``, ``source`` et ``a_verifier``.
    Un chiffre qui ne s'applique pas encore à cette date n'y figure pas.
    """
    import pandas as pd

    jour = _date(le)
    lignes = []
    for nom, valeurs in _table().items():
        if valeurs[0].applicable_depuis > jour:
            continue
        p = parametre(nom, jour)
        lignes.append({"nom": nom, "libelle": p.libelle, "valeur": p.valeur,
                       "valeur_affichee": p.valeur_affichee, "unite": p.unite,
                       "applicable_depuis": p.applicable_depuis, "source": p.source,
                       "a_verifier": p.a_verifier})
    colonnes = ["nom", "libelle", "valeur", "valeur_affichee", "unite", "applicable_depuis",
                "source", "a_verifier"]
    return pd.DataFrame(lignes, columns=colonnes).set_index("nom")


_CARTES = {
    "eee": "stripe_carte_eee_pourcentage",
    "royaume_uni": "stripe_carte_royaume_uni_pourcentage",
    "internationale": "stripe_carte_internationale_pourcentage",
}


def frais_stripe(montant, *, carte="eee", le=None):
    """Frais Stripe d'un paiement par carte, en euros (non arrondis).

    Frais = part variable × montant encaissé + part fixe (0,25 €), d'après la grille de Stripe
    pour un compte établi dans l'Espace économique européen (EEE) en vigueur à la date ``le``.
    ``carte`` : ``"eee"`` (carte standard émise dans l'EEE, 1,5 %), ``"royaume_uni"`` (2,5 %)
    ou ``"internationale"`` (3,25 %).
    Exemple : ``frais_stripe(497)`` = 1,5 % × 497 + 0,25 ≈ 7,71 €. Un paiement en trois fois
    paie la part fixe trois fois : ``3 * frais_stripe(179)`` ≈ 8,81 €.
    """
    if not isinstance(carte, str) or carte.strip().lower() not in _CARTES:
        raise DonneesInvalides(
            f"`carte` vaut {carte!r:.40}{FINE}: choisis \"eee\", \"royaume_uni\" ou \"internationale\"."
        )
    encaisse = v.montant(montant, "montant")
    taux = parametre(_CARTES[carte.strip().lower()], le).valeur
    fixe = parametre("stripe_frais_fixes", le).valeur
    return v.fini(taux * encaisse + fixe, "Les frais")


def taux_penalites_retard(le=None):
    """Taux annuel des pénalités de retard par défaut entre professionnels, à une date.

    Sans taux écrit dans les conditions de paiement, c'est le taux de refinancement de la
    Banque centrale européenne majoré de 10 points : celui du 1er janvier pour une échéance du
    premier semestre, celui du 1er juillet pour le second (Code de commerce, art. L441-10).
    Un taux choisi par contrat ne peut pas être inférieur à 3 fois le taux d'intérêt légal.
    Exemple : ``taux_penalites_retard("2026-03-01")`` → 0.1215 (2,15 % + 10 points).
    Renvoie une fraction, non arrondie.
    """
    jour = _date(le)
    reference = _dt.date(jour.year, 1 if jour.month <= 6 else 7, 1)
    bce = parametre("taux_bce_refinancement", reference).valeur
    majoration = parametre("penalites_retard_majoration_bce", reference).valeur
    return bce + majoration
