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
- ``marge_sur_couts_variables`` et ``taux_marge_sur_couts_variables`` : ce que chaque vente laisse
  pour payer les charges fixes ; ``point_mort(ventes_par_jour, seuil_ventes)`` : le jour où le
  seuil est atteint ; ``cotisations_micro(ca_encaisse, le=...)`` : les cotisations sociales d'une
  micro-entrepreneuse libérale (OBM, AV), sur ce qu'elle a encaissé.
- ``budget_lancement(...)`` : le budget prévisionnel et le plan de trésorerie mensuel du lancement
  de Clara (paiement en 3 fois, frais de carte, TVA mise de côté) ; ``exporter_budget(budget,
  chemin)`` l'écrit dans un classeur Excel avec ses formules.

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
    "MOIS_LANCEMENT",
    "BudgetLancement",
    "Parametre",
    "budget_lancement",
    "cotisations_micro",
    "exporter_budget",
    "frais_stripe",
    "marge_sur_couts_variables",
    "point_mort",
    "taux_marge_sur_couts_variables",
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
    return Decimal(repr(x))  # the shortest decimal that reads back as x: 82.5, not 82.4999…


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
    Exemple : ``prix_ht(99)`` = 82.5 € HT (TVA : 16,50 €).
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
    Exemple : ``prix_ttc(1200)`` = 1440.0 € TTC pour un forfait de 1 200 € HT.
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
    Exemple : 6 000 € de charges fixes, 300 € HT par vente, 6 € de frais de paiement par
    vente → marge 294 € par vente → ``seuil_rentabilite(6000, 300, 6)`` = 21 ventes.
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
    pas le coût variable rapporté au prix). Exemple : ``seuil_rentabilite_ca(6000, 300,
    6)`` ≈ 6 122 € HT, à atteindre avant de gagner le premier euro.
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
    Banque centrale européenne majoré de 10 points : celui du 1ᵉʳ janvier pour une échéance du
    premier semestre, celui du 1ᵉʳ juillet pour le second (Code de commerce, art. L441-10).
    Un taux choisi par contrat ne peut pas être inférieur à 3 fois le taux d'intérêt légal.
    Exemple : ``taux_penalites_retard("2026-03-01")`` → 0.1215 (2,15 % + 10 points).
    Renvoie une fraction, non arrondie.
    """
    jour = _date(le)
    reference = _dt.date(jour.year, 1 if jour.month <= 6 else 7, 1)
    bce = parametre("taux_bce_refinancement", reference).valeur
    majoration = parametre("penalites_retard_majoration_bce", reference).valeur
    return bce + majoration


# ---------------------------------------------------------------- margin, break-even date


def marge_sur_couts_variables(prix_vente_ht, cout_variable_unitaire):
    """Marge sur coûts variables d'une vente, en euros HT (non arrondie).

    Marge = prix de vente HT − coût variable de cette vente (les frais de carte, une commission…) :
    ce que chaque vente laisse pour payer les charges fixes. Exemple :
    ``marge_sur_couts_variables(300, 6)`` = 294.0 €.
    Refusé quand le prix ne dépasse pas le coût variable.
    """
    _, marge = _marge_unitaire(prix_vente_ht, cout_variable_unitaire)
    return v.fini(float(marge), "La marge")


def taux_marge_sur_couts_variables(prix_vente_ht, cout_variable_unitaire):
    """Taux de marge sur coûts variables : la marge rapportée au prix de vente HT (une fraction).

    Taux = (prix HT − coût variable) ÷ prix HT, par ex. 0.9 pour 90 %. Ce n'est **pas** le coût
    variable divisé par le prix (c'est ce qui part, pas ce qui reste). Seuil de rentabilité en
    chiffre d'affaires = charges fixes ÷ ce taux.
    """
    prix, marge = _marge_unitaire(prix_vente_ht, cout_variable_unitaire)
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return v.fini(float(marge / prix), "Le taux de marge")


def point_mort(ventes_par_jour, seuil_ventes):
    """Le point mort : le premier jour où le cumul des ventes atteint le seuil de rentabilité.

    ``ventes_par_jour`` : une colonne de tableau (Series) indexée par les jours, ou un
    dictionnaire ``{jour: nombre de ventes}`` ; ``seuil_ventes`` : le seuil en nombre de ventes
    (``seuil_rentabilite(...)``). Renvoie une date (``datetime.date``), ou ``None`` si le cumul
    n'atteint jamais le seuil. On cumule les ventes jour après jour : c'est le total depuis le
    début qui compte, pas les ventes d'un seul jour.
    """
    seuil = v.compte(seuil_ventes, "seuil_ventes")
    if hasattr(ventes_par_jour, "items") and not isinstance(ventes_par_jour, dict):
        paires = list(ventes_par_jour.items())  # a pandas Series
    elif isinstance(ventes_par_jour, dict):
        paires = list(ventes_par_jour.items())
    else:
        raise TypeInvalide(
            "`ventes_par_jour` doit être une colonne indexée par les jours (par ex. "
            "`df.groupby(\"date\")[\"ventes\"].sum()`) ou un dictionnaire {jour: ventes}, pas "
            f"{type(ventes_par_jour).__name__}."
        )
    if not paires:
        raise DonneesInvalides("`ventes_par_jour` est vide : il faut au moins un jour de ventes.")
    jours = []
    for jour, ventes in paires:
        n = v.compte(ventes, "ventes_par_jour", f" (jour {jour})")
        jours.append((_date(jour, "ventes_par_jour (un jour)"), n))
    jours.sort(key=lambda paire: paire[0])
    cumul = 0.0
    for jour, n in jours:
        cumul += n
        if cumul >= seuil:
            return jour
    return None


def cotisations_micro(ca_encaisse, le=None, *, cfp=False, versement_liberatoire=False):
    """Cotisations d'une micro-entrepreneuse libérale non réglementée (OBM, AV, coach), en euros.

    Cotisations = chiffre d'affaires **encaissé** × le taux micro-social des activités libérales
    relevant de la SSI en vigueur à la date ``le`` (25,6 % depuis le 1ᵉʳ janvier 2026). Une
    facture émise mais pas encore payée ne compte pas : on déclare ce qu'on a reçu.
    ``cfp=True`` ajoute la contribution à la formation professionnelle ;
    ``versement_liberatoire=True`` ajoute l'impôt sur le revenu payé en même temps (option).
    Exemple : ``cotisations_micro(1000, le="2026-03-31")`` = 256.0. Non arrondi.
    """
    ca = v.montant(ca_encaisse, "ca_encaisse")
    taux = parametre("micro_social_liberal", le).valeur
    if cfp:
        taux += parametre("micro_cfp_liberal", le).valeur
    if versement_liberatoire:
        taux += parametre("micro_versement_liberatoire_bnc", le).valeur
    return v.fini(ca * taux, "Les cotisations")


# ---------------------------------------------------------------- Clara's launch: budget and cash

MOIS_LANCEMENT = ("avril", "mai", "juin", "juillet")
_ttc = prix_ttc  # budget_lancement's keyword `prix_ttc` hides the function inside it
_DATE_LANCEMENT = _dt.date(2027, 5, 18)


class BudgetLancement:
    """Le budget prévisionnel du lancement de Cap Sérénité et son plan de trésorerie mensuel.

    Attributs : les hypothèses (``prix_ttc``, ``mensualite_ttc``, ``budget_pub_ttc``,
    ``part_trois_fois``, ``ventes``), ``charges_fixes`` (un tableau : poste, montant HT, mois de
    paiement, montant payé TTC), ``total_charges_fixes_ht``, ``prix_moyen_ht`` et
    ``cout_variable_moyen`` (par vente, selon la part des paiements en 3 fois),
    ``marge_par_vente``, ``taux_marge``, ``seuil_ventes`` (un entier), ``seuil_ca_ht`` et
    ``tresorerie`` (un tableau : une ligne par poste, une colonne par mois, en euros TTC
    encaissés (+) ou payés (−), puis le flux du mois et la trésorerie en fin de mois).
    """

    def __init__(self, **champs):
        self.__dict__.update(champs)

    def tableau_charges(self):
        """Les charges fixes, montants écrits à la française (pour l'affichage)."""
        tableau = self.charges_fixes[["poste", "mois"]].copy()
        tableau["montant HT"] = [euros(x) for x in self.charges_fixes["montant_ht"]]
        return tableau.set_index("poste")

    def tableau_tresorerie(self):
        """Le plan de trésorerie, montants écrits à la française (pour l'affichage)."""
        return self.tresorerie.map(lambda x: euros(x, 0))

    def _repr_html_(self):
        from obm import fr

        lignes = [("Charges fixes du lancement", fr.euros(self.total_charges_fixes_ht) + " HT"),
                  ("Marge par vente (moyenne)", fr.euros(self.marge_par_vente) + " HT"),
                  ("Seuil de rentabilité", f"{fr(self.seuil_ventes)} ventes, "
                                           f"{fr.euros(self.seuil_ca_ht, 0)} HT"),
                  ("Trésorerie la plus basse", fr.euros(min(self.tresorerie.loc["Trésorerie en fin de mois"])))]
        return bloc_html("Budget du lancement", lignes, couleur="#3a7ca5")


def _part_pub_avril() -> float:
    """The share of the ad spend paid in April, as in the launch data (lancement_entonnoir.csv)."""
    import csv

    from obm.donnees import chemin_donnees

    avril = total = 0.0
    with open(chemin_donnees("lancement_entonnoir.csv"), encoding="utf-8", newline="") as f:
        for ligne in csv.DictReader(f):
            depense = float(ligne["depenses_pub"])
            total += depense
            avril += depense if ligne["date"].startswith("2027-04") else 0.0
    return avril / total


def budget_lancement(*, prix_ttc=None, budget_pub_ttc=None, part_trois_fois=None, ventes=None):
    """Le budget prévisionnel du lancement de Clara et son plan de trésorerie (avril à juillet 2027).

    Par défaut, les chiffres de Clara (``data/clara.toml``) : 497 € TTC ou 3 mensualités, le
    budget publicitaire, l'objectif de ventes et la part prévue des paiements en 3 fois. Chaque
    hypothèse peut être changée : ``prix_ttc`` (la mensualité suit, avec le même surcoût du
    paiement en 3 fois), ``budget_pub_ttc``, ``part_trois_fois`` (une fraction : 0.4 pour 40 %),
    ``ventes`` (un nombre entier de ventes).

    Le budget est **HT** (Clara récupère la TVA) ; la trésorerie est en euros réellement
    encaissés ou payés (TTC), avec la TVA nette mise de côté chaque mois, les frais de carte
    prélevés à chaque paiement (chaque mensualité paie la part fixe) et les mensualités de juin
    et de juillet. Renvoie un ``BudgetLancement``.
    """
    import pandas as pd

    from obm.donnees import clara

    faits = clara()
    prix = faits.programme.prix_ttc if prix_ttc is None else v.positif(
        prix_ttc, "prix_ttc", "un programme vendu 0 € ne se budgète pas.")
    surcout = faits.programme.mensualite_ttc * faits.programme.paiement_en_plusieurs_fois \
        - faits.programme.prix_ttc
    nb_mensualites = faits.programme.paiement_en_plusieurs_fois
    mensualite = (prix + surcout) / nb_mensualites
    pub_ttc = faits.lancement.budget_pub_ttc if budget_pub_ttc is None else v.montant(
        budget_pub_ttc, "budget_pub_ttc")
    part = faits.finances.part_trois_fois_prevue if part_trois_fois is None else v.taux(
        part_trois_fois, "part_trois_fois")
    nb_ventes = faits.lancement.objectif_ventes if ventes is None else int(v.compte(ventes, "ventes"))
    le = _DATE_LANCEMENT
    tva = parametre("tva_taux_normal", le).valeur

    # --- fixed costs (HT), with the month they are paid and the amount paid (TTC)
    def cout_vente(debut):
        return next(c.montant_ht for c in faits.lancement.couts_vente_marketing if c.poste.startswith(debut))

    paiements = faits.finances.paiement_freelances
    franchise = faits.finances.freelances_en_franchise
    part_avril = _part_pub_avril()
    pub_ht = prix_ht(pub_ttc, tva)
    postes = [
        ("Publicité Meta (avril)", pub_ht * part_avril, "avril", pub_ttc * part_avril),
        ("Publicité Meta (mai)", pub_ht * (1 - part_avril), "mai", pub_ttc * (1 - part_avril)),
        ("Samir : page de vente et e-mails", cout_vente("Samir"), paiements["Samir"], None),
        ("Hugo : montage des vidéos", faits.membre("Hugo").budget_mission_ht, paiements["Hugo"], None),
        ("Inès : animation de la communauté", cout_vente("Inès"), paiements["Inès"], None),
    ]
    postes = [(p, ht, m, ttc if ttc is not None else (ht if franchise else _ttc(ht, tva)))
              for p, ht, m, ttc in postes]
    outils_ht = faits.finances.outils_lancement_ht_par_mois
    for mois in faits.finances.mois_outils:
        postes.append((f"Outils (webinaire, e-mails), {mois}", outils_ht, mois, _ttc(outils_ht, tva)))
    charges = pd.DataFrame(postes, columns=["poste", "montant_ht", "mois", "paye_ttc"])
    total_fixes = v.somme(charges["montant_ht"], "Le total des charges fixes")

    # --- one sale, on average
    prix_unique_ht = prix_ht(prix, tva)
    prix_echelonne_ht = prix_ht(mensualite * nb_mensualites, tva)
    frais_unique = frais_stripe(prix, le=le)
    frais_echelonne = nb_mensualites * frais_stripe(mensualite, le=le)
    prix_moyen = (1 - part) * prix_unique_ht + part * prix_echelonne_ht
    cout_moyen = (1 - part) * frais_unique + part * frais_echelonne

    # --- cash plan (TTC): + cashed, − paid
    echelonnees = round(nb_ventes * part)
    uniques = nb_ventes - echelonnees
    lignes = {}

    def ajouter(poste, mois, montant):
        lignes.setdefault(poste, dict.fromkeys(MOIS_LANCEMENT, 0.0))
        lignes[poste][mois] += montant

    ajouter("Ventes payées en une fois", "mai", uniques * prix)
    for mois in MOIS_LANCEMENT[1:1 + nb_mensualites]:
        ajouter("Mensualités (paiement en 3 fois)", mois, echelonnees * mensualite)
        ajouter("Frais de carte", mois, -echelonnees * frais_stripe(mensualite, le=le))
    ajouter("Frais de carte", "mai", -uniques * frais_unique)
    for poste, _, mois, ttc in postes:
        ajouter(poste.split(" (")[0].split(",")[0], mois, -ttc)
    # VAT: collected on what is cashed (services), minus the deductible VAT of the month's costs.
    # It is set aside the month it is cashed; a credit (more deductible than collected, as in
    # April) is never cash: it is carried to the next return, so the amount set aside is the
    # positive part of the running net VAT.
    cumul_tva = deja_de_cote = 0.0
    for mois in MOIS_LANCEMENT:
        encaisse = sum(lignes[p][mois] for p in ("Ventes payées en une fois",
                                                 "Mensualités (paiement en 3 fois)"))
        deductible = sum(ttc - ht for _, ht, m, ttc in postes if m == mois)
        cumul_tva += encaisse - encaisse / (1 + tva) - deductible
        de_cote = max(cumul_tva, 0.0)
        ajouter("TVA nette mise de côté", mois, deja_de_cote - de_cote)
        deja_de_cote = de_cote
    tresorerie = pd.DataFrame.from_dict(lignes, orient="index")[list(MOIS_LANCEMENT)]
    flux = tresorerie.sum()
    tresorerie.loc["Flux du mois"] = flux
    tresorerie.loc["Trésorerie en fin de mois"] = flux.cumsum()
    tresorerie.index.name = "poste"

    return BudgetLancement(
        prix_ttc=float(prix), mensualite_ttc=float(mensualite), nombre_mensualites=nb_mensualites,
        budget_pub_ttc=float(pub_ttc), part_trois_fois=float(part), ventes=nb_ventes,
        ventes_en_une_fois=uniques, ventes_en_trois_fois=echelonnees, taux_tva=tva,
        charges_fixes=charges, total_charges_fixes_ht=total_fixes,
        prix_unique_ht=prix_unique_ht, prix_echelonne_ht=prix_echelonne_ht,
        frais_unique=frais_unique, frais_echelonne=frais_echelonne,
        prix_moyen_ht=prix_moyen, cout_variable_moyen=cout_moyen,
        marge_par_vente=marge_sur_couts_variables(prix_moyen, cout_moyen),
        taux_marge=taux_marge_sur_couts_variables(prix_moyen, cout_moyen),
        seuil_ventes=seuil_rentabilite(total_fixes, prix_moyen, cout_moyen),
        seuil_ca_ht=seuil_rentabilite_ca(total_fixes, prix_moyen, cout_moyen),
        tresorerie=tresorerie,
    )


_JAUNE, _GRIS = "FFF2CC", "E7E6E6"


def exporter_budget(budget, chemin):
    """Écrit le budget et le plan de trésorerie dans un classeur Excel (.xlsx), et renvoie son chemin.

    ``budget`` : le résultat de ``budget_lancement(...)`` ; ``chemin`` : un chemin qui finit par
    ``.xlsx``, par ex. ``chemin_livrable("19_budget_tresorerie.xlsx")``. Les cellules jaunes se
    saisissent (hypothèses, charges, dépenses par mois) ; les grises sont des formules (prix HT,
    frais de carte, marge, seuil de rentabilité, encaissements, TVA mise de côté, trésorerie) :
    le classeur se réutilise pour un autre lancement. Il s'ouvre dans Excel ou LibreOffice.
    """
    from pathlib import Path

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.workbook.properties import CalcProperties

    if not isinstance(budget, BudgetLancement):
        raise TypeInvalide("Donne le budget construit par budget_lancement(...), pas un objet "
                           f"{type(budget).__name__}.")
    if isinstance(chemin, str):
        chemin = Path(chemin)
    if not isinstance(chemin, Path):
        raise TypeInvalide('Le chemin du fichier doit être un texte, par ex. '
                           f'"19_budget_tresorerie.xlsx", pas {chemin!r:.40}.')
    if chemin.suffix.lower() != ".xlsx":
        raise DonneesInvalides(f"Le fichier « {chemin.name} » doit finir par .xlsx, par ex. "
                               '"19_budget_tresorerie.xlsx".')
    chemin.parent.mkdir(parents=True, exist_ok=True)

    jaune, gris = PatternFill("solid", fgColor=_JAUNE), PatternFill("solid", fgColor=_GRIS)
    gras, titre = Font(bold=True), Font(bold=True, size=14)
    retour = Alignment(wrap_text=True, vertical="top")
    format_euros, format_pct = '#,##0.00" €"', "0.0%"
    classeur = Workbook()
    classeur.calculation = CalcProperties(fullCalcOnLoad=True)

    lisez = classeur.active
    lisez.title = "Lisez-moi"
    lisez["A1"] = "Budget et plan de trésorerie du lancement (Académie OBM, module 19)"
    lisez["A1"].font = titre
    consignes = [
        "Cellules jaunes : à saisir. Cellules grises : calculées par une formule, ne les écris pas.",
        "Onglet Hypothèses : prix, mensualités, ventes prévues, taux de TVA et frais de carte. "
        "Les frais de carte (Stripe, carte standard de l'EEE) se paient à chaque paiement : une "
        "vente en 3 fois paie la part fixe 3 fois.",
        "Onglet Budget (€ HT) : les charges fixes du lancement, la marge sur coûts variables et le "
        "seuil de rentabilité. Tout est hors taxes : la TVA encaissée appartient à l'État.",
        "Onglet Trésorerie (€ réellement encaissés ou payés, TTC) : un mois par colonne ; + pour "
        "ce qui entre, − pour ce qui sort. Les dépenses se saisissent TTC (ce qui est payé), et "
        "leur TVA déductible sur la ligne prévue (0 pour une freelance en franchise en base).",
        "TVA : hypothèse d'une déclaration mensuelle (régime réel normal, TVA d'un mois payée le "
        "mois suivant). La TVA nette (collectée − déductible) est mise de côté le mois où elle est "
        "encaissée, sur un compte à part. Un crédit de TVA (plus de TVA déductible que collectée) "
        "ne rentre pas en caisse : il se reporte sur le mois suivant.",
        f"Chiffres fiscaux en vigueur au {_DATE_LANCEMENT:%d/%m/%Y} : à relire chaque année "
        "(taux de TVA, frais de carte).",
    ]
    for ligne, texte_ in enumerate(consignes, start=3):
        lisez.cell(ligne, 1, texte_).alignment = retour
    lisez.column_dimensions["A"].width = 110

    # --- Hypothèses
    hyp = classeur.create_sheet("Hypothèses")
    hyp["A1"], hyp["A1"].font = "Hypothèses du lancement", titre
    stripe_pct = parametre("stripe_carte_eee_pourcentage", _DATE_LANCEMENT).valeur
    stripe_fixe = parametre("stripe_frais_fixes", _DATE_LANCEMENT).valeur
    saisies = [
        ("Prix TTC, paiement en une fois", budget.prix_ttc, format_euros),
        ("Nombre de mensualités", budget.nombre_mensualites, "0"),
        ("Mensualité TTC", budget.mensualite_ttc, format_euros),
        ("Taux de TVA", budget.taux_tva, format_pct),
        ("Ventes prévues en une fois", budget.ventes_en_une_fois, "0"),
        ("Ventes prévues en 3 fois", budget.ventes_en_trois_fois, "0"),
        ("Frais de carte : part variable", stripe_pct, "0.00%"),
        ("Frais de carte : part fixe par paiement", stripe_fixe, format_euros),
    ]
    for ligne, (libelle, valeur, format_) in enumerate(saisies, start=2):
        hyp.cell(ligne, 1, libelle)
        cellule = hyp.cell(ligne, 2, valeur)
        cellule.fill, cellule.number_format = jaune, format_
    calculs = [  # row 11 onwards
        ("Prix HT, paiement en une fois", "=B2/(1+B5)", format_euros),
        ("Prix HT, paiement en 3 fois (toutes les mensualités)", "=B3*B4/(1+B5)", format_euros),
        ("Frais de carte, vente en une fois", "=B8*B2+B9", format_euros),
        ("Frais de carte, vente en 3 fois (toutes les mensualités)", "=B3*(B8*B4+B9)", format_euros),
        ("Part des ventes en 3 fois", "=B7/(B6+B7)", format_pct),
        ("Prix moyen HT d'une vente", "=(1-B15)*B11+B15*B12", format_euros),
        ("Coût variable moyen d'une vente", "=(1-B15)*B13+B15*B14", format_euros),
        ("Marge sur coûts variables par vente", "=B16-B17", format_euros),
        ("Taux de marge sur coûts variables", "=B18/B16", format_pct),
    ]
    for ligne, (libelle, formule, format_) in enumerate(calculs, start=11):
        hyp.cell(ligne, 1, libelle)
        cellule = hyp.cell(ligne, 2, formule)
        cellule.fill, cellule.number_format = gris, format_
    hyp.column_dimensions["A"].width = 58
    hyp.column_dimensions["B"].width = 16

    # --- Budget (HT)
    feuille = classeur.create_sheet("Budget")
    feuille["A1"], feuille["A1"].font = "Charges fixes du lancement (€ HT)", titre
    for colonne, entete in zip("ABC", ("Poste", "Montant HT", "Payé en")):
        feuille[f"{colonne}2"], feuille[f"{colonne}2"].font = entete, gras
    charges = budget.charges_fixes.to_dict("records")
    derniere = 2 + len(charges) + 5  # five empty rows for other costs
    for ligne, charge in enumerate(charges, start=3):
        feuille.cell(ligne, 1, charge["poste"])
        feuille.cell(ligne, 2, round(float(charge["montant_ht"]), 2))
        feuille.cell(ligne, 3, charge["mois"])
    for ligne in range(3, derniere + 1):
        for colonne in (1, 2, 3):
            feuille.cell(ligne, colonne).fill = jaune
        feuille.cell(ligne, 2).number_format = format_euros
    resultats = [
        ("Total des charges fixes", f"=SUM(B3:B{derniere})", format_euros),
        ("Marge par vente (onglet Hypothèses)", "='Hypothèses'!B18", format_euros),
        ("Seuil de rentabilité (ventes, arrondi au-dessus)", f"=ROUNDUP(B{derniere + 2}/B{derniere + 3},0)", "0"),
        ("Seuil de rentabilité (chiffre d'affaires HT)", f"=B{derniere + 2}/'Hypothèses'!B19", format_euros),
        ("Ventes prévues", "='Hypothèses'!B6+'Hypothèses'!B7", "0"),
        ("Résultat prévu du lancement (HT)", f"=B{derniere + 6}*B{derniere + 3}-B{derniere + 2}", format_euros),
    ]
    for ligne, (libelle, formule, format_) in enumerate(resultats, start=derniere + 2):
        feuille.cell(ligne, 1, libelle).font = gras
        cellule = feuille.cell(ligne, 2, formule)
        cellule.fill, cellule.number_format = gris, format_
    feuille.column_dimensions["A"].width = 50
    feuille.column_dimensions["B"].width = 16
    feuille.column_dimensions["C"].width = 12

    # --- Trésorerie (TTC)
    tres = classeur.create_sheet("Trésorerie")
    tres["A1"], tres["A1"].font = "Plan de trésorerie (€ TTC : + encaissé, − payé)", titre
    mois = list(MOIS_LANCEMENT)
    colonnes = [chr(ord("B") + i) for i in range(len(mois))]
    tres["A2"], tres["A2"].font = "Poste", gras
    for col, m in zip(colonnes, mois):
        tres[f"{col}2"], tres[f"{col}2"].font = m, gras
    h = "'Hypothèses'!"
    depenses = budget.tresorerie.drop(index=["Ventes payées en une fois", "Mensualités (paiement en 3 fois)",
                                             "Frais de carte", "TVA nette mise de côté",
                                             "Flux du mois", "Trésorerie en fin de mois"])
    ligne_ventes, ligne_mens, ligne_frais = 3, 4, 5
    premiere_dep = 6
    derniere_dep = premiere_dep + len(depenses) - 1
    ligne_deductible = derniere_dep + 1
    ligne_nette = ligne_deductible + 1
    ligne_tva, ligne_flux, ligne_cumul = ligne_nette + 1, ligne_nette + 2, ligne_nette + 3
    tres.cell(ligne_ventes, 1, "Ventes payées en une fois")
    tres.cell(ligne_mens, 1, "Mensualités (paiement en 3 fois)")
    tres.cell(ligne_frais, 1, "Frais de carte")
    tres.cell(ligne_deductible, 1, "TVA déductible des dépenses du mois (à saisir)")
    tres.cell(ligne_nette, 1, "TVA nette du mois (collectée − déductible, hors trésorerie)")
    tres.cell(ligne_tva, 1, "TVA nette mise de côté")
    tres.cell(ligne_flux, 1, "Flux du mois").font = gras
    tres.cell(ligne_cumul, 1, "Trésorerie en fin de mois").font = gras
    for i, (col, m) in enumerate(zip(colonnes, mois)):
        vente = i == 1  # the cart opens in May
        mensualite = 1 <= i <= budget.nombre_mensualites
        tres[f"{col}{ligne_ventes}"] = f"={h}B6*{h}B2" if vente else 0
        tres[f"{col}{ligne_mens}"] = f"={h}B7*{h}B4" if mensualite else 0
        frais = []
        if vente:
            frais.append(f"{h}B6*{h}B13")
        if mensualite:
            frais.append(f"{h}B7*({h}B8*{h}B4+{h}B9)")
        tres[f"{col}{ligne_frais}"] = ("=-(" + "+".join(frais) + ")") if frais else 0
        for ligne, (poste, valeurs) in enumerate(depenses.iterrows(), start=premiere_dep):
            tres.cell(ligne, 1, poste)
            tres[f"{col}{ligne}"] = round(float(valeurs[m]), 2)
            tres[f"{col}{ligne}"].fill = jaune
        deductible = sum(float(c["paye_ttc"] - c["montant_ht"]) for c in charges if c["mois"] == m)
        tres[f"{col}{ligne_deductible}"] = round(deductible, 2)
        tres[f"{col}{ligne_deductible}"].fill = jaune
        encaisse = f"({col}{ligne_ventes}+{col}{ligne_mens})"
        tres[f"{col}{ligne_nette}"] = f"={encaisse}-{encaisse}/(1+{h}B5)-{col}{ligne_deductible}"
        # Set aside the positive part of the running net VAT: a credit is carried forward, not cashed.
        cumul = f"SUM($B${ligne_nette}:{col}{ligne_nette})"
        tva_du_mois = f"-IF({cumul}>0,{cumul},0)"
        if i:
            avant = f"SUM($B${ligne_nette}:{colonnes[i - 1]}{ligne_nette})"
            tva_du_mois += f"+IF({avant}>0,{avant},0)"
        tres[f"{col}{ligne_tva}"] = "=" + tva_du_mois
        tres[f"{col}{ligne_flux}"] = (f"=SUM({col}{ligne_ventes}:{col}{derniere_dep})+{col}{ligne_tva}")
        precedent = f"{colonnes[i - 1]}{ligne_cumul}+" if i else ""
        tres[f"{col}{ligne_cumul}"] = f"={precedent}{col}{ligne_flux}"
        for ligne in (ligne_ventes, ligne_mens, ligne_frais, ligne_nette, ligne_tva, ligne_flux, ligne_cumul):
            tres[f"{col}{ligne}"].fill = gris
        for ligne in range(ligne_ventes, ligne_cumul + 1):
            tres[f"{col}{ligne}"].number_format = format_euros
    tres.column_dimensions["A"].width = 52
    for col in colonnes:
        tres.column_dimensions[col].width = 14
    classeur.save(chemin)
    return chemin
