"""Indicateurs (KPI) d'un lancement en ligne : formules, nettoyage d'un export, entonnoir, tableau de bord.

Les formules prennent des nombres et rendent des nombres décimaux (``float``).
Un taux s'écrit toujours comme une fraction : ``0.8`` pour 80 %.
Les fonctions qui reçoivent un tableau attendent un DataFrame pandas, par exemple
``pd.read_csv(chemin_donnees("lancement_entonnoir.csv"))``.

pandas et matplotlib ne sont importés que dans les fonctions qui en ont besoin.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from obm import _validation
from obm.erreurs import ColonneManquante, DonneesInvalides, IdentifiantInconnu, TypeInvalide

__all__ = [
    "ETAPES_LANCEMENT",
    "REPERES",
    "TABLEAU_DE_BORD_PNG",
    "Apercu",
    "BilanEcrit",
    "BilanVentes",
    "Comparaison",
    "ExportVentes",
    "RatioLtvCac",
    "Repere",
    "ResultatTestAB",
    "apercu",
    "bilan_ventes",
    "cac",
    "charger_export_ventes",
    "churn_mensuel",
    "comparer_aux_reperes",
    "ecrire_bilan_lancement",
    "entonnoir",
    "etape_la_plus_faible",
    "face_aux_reperes",
    "ltv",
    "ratio_ltv_cac",
    "retention_cohortes",
    "roas",
    "tableau_de_bord_lancement",
    "taille_echantillon",
    "taux_churn",
    "taux_conversion",
    "taux_email",
    "taux_remboursement",
    "test_ab",
]

# ---------------------------------------------------------------- French display
# Everything shown goes through obm.fr (Babel): « 12 345,5 », « 22,71 % », « 2,31 € ».


def _fr(x, decimales=None):
    """12345.5 -> '12 345,5' (narrow no-break spaces between thousands)."""
    from obm import fr

    return fr.nombre(x, decimales)


def _pct(x):
    """0.2271 -> '22,71 %', 0.35 -> '35 %' (at most two decimals, no useless zeros)."""
    from obm import fr

    return fr.nombre(100 * float(x)) + "\u00a0%"


def _euros(x):
    from obm import fr

    return fr.euros(x)


# ---------------------------------------------------------------- checks of scalar arguments
# One validation for every formula module (obm._validation): same acceptance, same messages.
_nombre = _validation.nombre
_compte = _validation.compte
_montant = _validation.montant
_taux = _validation.taux


def _part(numerateur, denominateur, nom_num, nom_den):
    """numerateur ÷ denominateur for two counts, the first a subset of the second."""
    n = _compte(numerateur, nom_num)
    d = _compte(denominateur, nom_den)
    if d == 0:
        raise DonneesInvalides(
            f"`{nom_den}` vaut 0 : impossible de calculer un taux sur zéro. "
            "Vérifie que tu as filtré la bonne période ou la bonne source."
        )
    if n > d:
        raise DonneesInvalides(
            f"`{nom_num}` ({_fr(n)}) dépasse `{nom_den}` ({_fr(d)}) : un taux ne peut pas dépasser 100 %. "
            "As-tu inversé les deux arguments ?"
        )
    return n / d


# ---------------------------------------------------------------- formulas


def taux_conversion(conversions, visiteurs):
    """Taux de conversion : part des visiteurs qui ont fait l'action (s'inscrire, acheter…).

    ``taux_conversion(conversions, visiteurs)`` = conversions ÷ visiteurs, une fraction entre 0 et 1.
    Exemple : 30 inscriptions pour 1 200 visites → ``taux_conversion(30, 1200)`` = 0.025 (2,5 %).
    """
    return _part(conversions, visiteurs, "conversions", "visiteurs")


def taux_remboursement(remboursements, achats):
    """Taux de remboursement = remboursements ÷ achats (une fraction entre 0 et 1).

    Exemple : 4 remboursements sur 100 achats → ``taux_remboursement(4, 100)`` = 0.04 (4 %).
    """
    return _part(remboursements, achats, "remboursements", "achats")


def taux_churn(resiliations, membres_debut_mois):
    """Taux d'attrition mensuel (en anglais *churn*) = résiliations du mois ÷ membres présentes au
    début du mois.

    Exemple : 12 résiliations pour 150 membres au 1er du mois → ``taux_churn(12, 150)`` = 0.08 (8 %).
    Compte les membres **au début** du mois, pas à la fin : les nouvelles du mois n'y sont pas.
    Pour un tableau d'abonnements entier, mois par mois : ``churn_mensuel(abonnements)``.
    """
    return _part(resiliations, membres_debut_mois, "resiliations", "membres_debut_mois")


def roas(chiffre_affaires, depenses_pub):
    """ROAS (retour sur dépenses publicitaires) = chiffre d'affaires ÷ dépenses publicitaires.

    Exemple : 5 000 € de ventes pour 2 000 € de publicité → ``roas(5000, 2000)`` = 2.5
    (chaque euro de pub a rapporté 2,50 € de chiffre d'affaires). Un ROAS ne se calcule que pour
    un canal payant : sans dépenses, la division est impossible.
    """
    ca = _montant(chiffre_affaires, "chiffre_affaires")
    depenses = _montant(depenses_pub, "depenses_pub")
    if depenses == 0:
        raise DonneesInvalides(
            "`depenses_pub` vaut 0 : sans dépenses publicitaires, le ROAS n'existe pas (division par zéro). "
            "Calcule-le seulement pour les canaux payants."
        )
    return ca / depenses


def cac(depenses, nouveaux_clients):
    """Coût d'acquisition client (CAC) = dépenses de vente et de marketing ÷ nouveaux clients.

    Exemple : 2 500 € dépensés pour 100 nouvelles clientes → ``cac(2500, 100)`` = 25.0 € par cliente.
    Dis toujours ce que ``depenses`` compte (publicité seule, ou aussi les freelances, les outils…)
    et ce qu'il laisse de côté, et divise par les clientes que ces dépenses ont amenées : le
    budget d'une publicité se divise par les clientes venues de cette publicité.
    """
    montant = _montant(depenses, "depenses")
    clients = _compte(nouveaux_clients, "nouveaux_clients")
    if clients == 0:
        raise DonneesInvalides(
            "`nouveaux_clients` vaut 0 : sans nouvelle cliente, le coût par cliente n'existe pas "
            "(division par zéro). Vérifie la période choisie."
        )
    return montant / clients


def ltv(revenu_mensuel_par_client, taux_marge_brute, taux_churn_mensuel):
    """Valeur vie client (LTV) d'un abonnement = revenu mensuel par client × taux de marge brute
    ÷ taux d'attrition mensuel (*churn*).

    Les deux taux s'écrivent en fraction. Exemple : 37 € par mois, 90 % de marge, 8 % d'attrition
    par mois → ``ltv(37, 0.9, 0.08)`` = 416.25 € de marge sur la durée de vie d'une membre.
    Compare-la au CAC **du même produit** : la LTV d'un abonnement ne se divise pas par le coût
    d'acquisition d'un autre produit.
    """
    revenu = _montant(revenu_mensuel_par_client, "revenu_mensuel_par_client")
    marge = _taux(taux_marge_brute, "taux_marge_brute")
    churn = _taux(taux_churn_mensuel, "taux_churn_mensuel", zero_permis=False)
    return revenu * marge / churn


class RatioLtvCac(float):
    """Un ratio LTV:CAC : un nombre décimal, avec sa lecture en français dans ``.lecture``."""

    @property
    def lecture(self):
        """Lecture du ratio d'après les repères usuels (≈ 3:1 sain, < 1 non viable, au-delà
        d'environ 5:1 une acquisition sans doute trop timide)."""
        valeur = _fr(float(self), 1)
        if self < 1:
            return (
                f"LTV:CAC = {valeur} : non viable, chaque cliente coûte plus à acquérir "
                "qu'elle ne rapporte de marge."
            )
        if self < 3:
            return f"LTV:CAC = {valeur} : rentable mais fragile, en dessous du repère sain d'environ 3:1."
        if self <= 5:
            return f"LTV:CAC = {valeur} : sain, autour du repère d'environ 3:1."
        return (
            f"LTV:CAC = {valeur} : très au-dessus du repère d'environ 3:1. Chaque cliente rapporte "
            "bien plus qu'elle ne coûte : au-delà d'environ 5:1, les praticiens y voient le signe "
            "qu'on pourrait investir davantage pour acquérir des clientes (ordre de grandeur de "
            "praticiens, faible autorité)."
        )

    def _repr_markdown_(self):
        return self.lecture


def ratio_ltv_cac(ltv, cac):
    """Ratio LTV:CAC = valeur vie client ÷ coût d'acquisition client.

    Renvoie un nombre décimal qui porte aussi sa lecture : ``ratio_ltv_cac(420, 140).lecture``.
    Repère : ≈ 3 est sain, moins de 1 n'est pas viable (chaque cliente coûte plus qu'elle ne
    rapporte), au-delà d'environ 5 l'acquisition est sans doute trop timide.
    Les deux chiffres portent sur **le même produit** et sur la même base (HT ou TTC).
    """
    valeur = _montant(ltv, "ltv")
    cout = _montant(cac, "cac")
    if cout == 0:
        raise DonneesInvalides(
            "`cac` vaut 0 : un coût d'acquisition nul rend le ratio infini. Vérifie le calcul du CAC."
        )
    return RatioLtvCac(valeur / cout)


# ---------------------------------------------------------------- A/B test


@dataclass(frozen=True)
class ResultatTestAB:
    """Résultat d'un test A/B : taux de chaque version, écart, statistique z, valeur p
    (``p_value``) et verdict."""

    taux_a: float
    taux_b: float
    ecart: float  # taux_b - taux_a
    z: float
    p_value: float
    seuil: float
    significatif: bool

    @property
    def verdict(self):
        """Le verdict en une phrase, en français."""
        p = "p < 0,001" if self.p_value < 0.001 else f"p = {_fr(self.p_value, 3)}"
        a, b = _pct(self.taux_a), _pct(self.taux_b)
        if self.significatif:
            gagnante = "B" if self.ecart > 0 else "A"
            return (
                f"Différence significative au seuil de {_pct(self.seuil)} ({p}) : "
                f"A convertit à {a}, B à {b}. La version {gagnante} fait mieux, et un tel écart "
                "viendrait rarement du seul hasard."
            )
        return (
            f"Différence non significative au seuil de {_pct(self.seuil)} ({p}) : "
            f"A convertit à {a}, B à {b}, mais un écart de cette taille peut venir du hasard : "
            "ce test ne montre pas qu'une version fait mieux que l'autre. Ne le prolonge pas "
            "jusqu'à ce qu'il devienne significatif : la taille d'échantillon se fixe avant le "
            "test (taille_echantillon)."
        )

    def __str__(self):
        return self.verdict

    def _repr_markdown_(self):
        return self.verdict


def test_ab(conversions_a, visiteurs_a, conversions_b, visiteurs_b, *, seuil=0.05):
    """Test A/B de deux taux de conversion (test z bilatéral de deux proportions, variance poolée).

    Renvoie un objet avec ``taux_a``, ``taux_b``, ``ecart`` (B − A), ``z``, ``p_value``,
    ``significatif`` (``p_value < seuil``) et ``verdict`` (une phrase en français).
    Exemple : ``test_ab(30, 1000, 50, 1000).significatif`` → True (p ≈ 0,022).
    La valeur p (*p-value*) est la probabilité d'observer un écart au moins aussi grand si les
    deux versions convertissaient en réalité au même taux. Quand personne (ou tout le monde) n'a
    converti dans les deux versions, il n'y a rien à départager : la valeur p vaut 1.
    Décide la taille du test **avant** de le lancer (``taille_echantillon``) et lis le résultat
    une fois cette taille atteinte : regarder chaque jour et s'arrêter dès que c'est
    significatif fabrique de faux gagnants.
    """
    taux_a = _part(conversions_a, visiteurs_a, "conversions_a", "visiteurs_a")
    taux_b = _part(conversions_b, visiteurs_b, "conversions_b", "visiteurs_b")
    niveau = _taux(seuil, "seuil", zero_permis=False)
    if niveau >= 1:
        raise DonneesInvalides("`seuil` doit être strictement entre 0 et 1, par ex. 0.05 pour 5 %.")
    n_a, n_b = float(visiteurs_a), float(visiteurs_b)
    poole = (float(conversions_a) + float(conversions_b)) / (n_a + n_b)
    if poole in (0.0, 1.0):
        z, p_value = 0.0, 1.0
    else:
        erreur_type = math.sqrt(poole * (1 - poole) * (1 / n_a + 1 / n_b))
        z = (taux_b - taux_a) / erreur_type
        p_value = math.erfc(abs(z) / math.sqrt(2))
    return ResultatTestAB(
        taux_a=taux_a,
        taux_b=taux_b,
        ecart=taux_b - taux_a,
        z=z,
        p_value=p_value,
        seuil=niveau,
        significatif=p_value < niveau,
    )


def taille_echantillon(taux_reference, taux_vise, *, seuil=0.05, puissance=0.80):
    """Nombre de visiteuses **par version** qu'un test A/B doit attendre avant d'être lu.

    ``taux_reference`` : le taux de la version actuelle (A) ; ``taux_vise`` : le taux que la
    nouvelle version (B) devrait atteindre pour que le changement en vaille la peine. Avec ce
    nombre de visiteuses dans chaque version, un test au seuil ``seuil`` (5 % par défaut)
    détecte un tel écart ``puissance`` fois sur 1 (8 fois sur 10 par défaut). Renvoie un nombre
    entier, arrondi à l'unité supérieure.
    Formule (deux proportions, test bilatéral) : n = (z₁ × √(2 p̄ (1 − p̄)) + z₂ × √(p_A (1 − p_A) +
    p_B (1 − p_B)))² ÷ (p_B − p_A)², avec p̄ la moyenne des deux taux, z₁ et z₂ les quantiles de
    la loi normale pour le seuil et la puissance.
    Exemple : passer de 5 % à 7 % → ``taille_echantillon(0.05, 0.07)`` = 2 213 visiteuses
    par version, soit 4 426 en tout. Plus l'écart cherché est petit, plus il en faut.
    """
    from statistics import NormalDist

    p_a = _taux(taux_reference, "taux_reference", zero_permis=False)
    p_b = _taux(taux_vise, "taux_vise", zero_permis=False)
    niveau = _taux(seuil, "seuil", zero_permis=False)
    force = _taux(puissance, "puissance", zero_permis=False)
    for nom, valeur in (("taux_reference", p_a), ("taux_vise", p_b), ("seuil", niveau),
                        ("puissance", force)):
        if valeur >= 1:
            raise DonneesInvalides(
                f"`{nom}` doit être strictement entre 0 et 1 (une fraction, par ex. 0.05 pour 5 %)."
            )
    if p_a == p_b:
        raise DonneesInvalides(
            "`taux_vise` est égal à `taux_reference` : il n'y a aucun écart à détecter. "
            "Donne le taux que la nouvelle version devrait atteindre."
        )
    normale = NormalDist()
    z_seuil = normale.inv_cdf(1 - niveau / 2)
    z_puissance = normale.inv_cdf(force)
    moyenne = (p_a + p_b) / 2
    racine = (z_seuil * math.sqrt(2 * moyenne * (1 - moyenne))
              + z_puissance * math.sqrt(p_a * (1 - p_a) + p_b * (1 - p_b)))
    return math.ceil(racine**2 / (p_b - p_a) ** 2 - 1e-9)


# ---------------------------------------------------------------- benchmarks


@dataclass(frozen=True)
class Repere:
    """Une fourchette de référence (bornes en fraction) et sa source."""

    libelle: str
    bas: float
    haut: float
    source: str


REPERES = {
    "taux_ouverture_email": Repere(
        "Taux d'ouverture des e-mails",
        0.2271,
        0.2546,
        "Mailchimp (données d'octobre 2019, toutes industries) : 22,71 % ; MailerLite (2019, "
        "éducation et formation) : 25,46 %. Les ouvertures sont moins fiables depuis "
        "Apple Mail Privacy Protection.",
    ),
    "taux_clic_email": Repere(
        "Taux de clic des e-mails",
        0.0291,
        0.0394,
        "Mailchimp (données d'octobre 2019, toutes industries) : 2,91 % ; MailerLite (2019, "
        "éducation et formation) : 3,94 %.",
    ),
    "taux_inscription_trafic_chaud": Repere(
        "Inscription sur une page de lead magnet (trafic chaud)",
        0.15,
        0.35,
        "Affirmation de praticiennes et praticiens (faible autorité) : 15 à 35 % avec du trafic chaud.",
    ),
    "taux_conversion_landing_page": Repere(
        "Conversion d'une landing page",
        0.024,
        0.04,
        "klipfolio.com : environ 2,4 % en moyenne sur le web, environ 4 % en génération de leads.",
    ),
    "taux_presence_webinaire": Repere(
        "Présence au webinaire (participantes ÷ inscrites)",
        0.35,
        0.45,
        "Praticiens : 35 à 45 % des inscrites ; le PCMA compte 40 à 50 % d'absentes aux "
        "événements virtuels gratuits.",
    ),
    "taux_conversion_liste": Repere(
        "Ventes du lancement ÷ taille de la liste",
        0.01,
        0.02,
        "Praticiens : environ 1 à 2 % d'une liste engagée ; le calculateur de Teachable "
        "suppose au moins 2 %.",
    ),
    "taux_conversion_page_vente_chaude": Repere(
        "Conversion de la page de vente (trafic chaud, après un prélancement)",
        0.03,
        0.05,
        "Affirmation de praticiens (faible autorité) : 3 à 5 %.",
    ),
    "taux_conversion_page_vente_froide": Repere(
        "Conversion de la page de vente (trafic froid)",
        0.005,
        0.02,
        "Affirmation de praticiens (faible autorité) : 0,5 à 2 %.",
    ),
    "part_ventes_48h": Repere(
        "Part des ventes faites dans les 48 dernières heures du panier",
        0.40,
        0.60,
        "Affirmation de praticiens (faible autorité) : 40 à 60 %.",
    ),
    "taux_churn_abonnement": Repere(
        "Taux d'attrition mensuel (churn) d'un abonnement de formation",
        0.07,
        0.10,
        "Chiffres d'éditeurs de plateformes : 7 à 10 % par mois est courant, moins de 5 % est excellent.",
    ),
}


@dataclass(frozen=True)
class Comparaison:
    """Un taux comparé à une fourchette de référence."""

    valeur: float
    repere: Repere
    position: str  # "dans la fourchette", "en dessous" ou "au-dessus"

    @property
    def verdict(self):
        """La comparaison en une phrase, avec la source du repère."""
        r = self.repere
        return (
            f"{r.libelle} : {_pct(self.valeur)}, {self.position} "
            f"(repère : {_pct(r.bas)} à {_pct(r.haut)}). Source : {r.source}"
        )

    def __str__(self):
        return self.verdict

    def _repr_markdown_(self):
        return self.verdict


def comparer_aux_reperes(valeur, repere):
    """Compare un taux (en fraction) à une fourchette de référence et cite la source.

    ``repere`` est une clé de ``REPERES`` (par ex. ``"taux_presence_webinaire"``) ou un objet
    ``Repere(libelle, bas, haut, source)`` que tu crées toi-même.
    Renvoie un objet avec ``position`` (« dans la fourchette », « en dessous » ou « au-dessus »),
    ``verdict`` (une phrase avec la source) et ``repere``. Les bornes sont comprises dans la fourchette.
    Exemple : ``comparer_aux_reperes(0.41, "taux_presence_webinaire").position`` → 'dans la fourchette'.
    """
    if isinstance(repere, str):
        if repere not in REPERES:
            raise IdentifiantInconnu(
                f"Je ne connais pas le repère « {repere} ». Repères disponibles : "
                f"{', '.join(sorted(REPERES))}."
            )
        repere = REPERES[repere]
    elif not isinstance(repere, Repere):
        raise TypeInvalide(
            '`repere` doit être le nom d\'un repère (par ex. "taux_clic_email") ou un objet Repere.'
        )
    x = _taux(valeur, "valeur")
    if x < repere.bas:
        position = "en dessous"
    elif x > repere.haut:
        position = "au-dessus"
    else:
        position = "dans la fourchette"
    return Comparaison(valeur=x, repere=repere, position=position)


def face_aux_reperes(indicateurs):
    """Compare plusieurs taux à leurs repères, pour trouver où agir.

    ``indicateurs`` : un dictionnaire ``{repère: valeur}``, où chaque repère est une clé de
    ``REPERES`` (par ex. ``"taux_presence_webinaire"``) ou un objet ``Repere``, et chaque valeur
    un taux en fraction. Choisis le repère qui correspond vraiment à ton chiffre (trafic chaud
    ou froid, même dénominateur).
    Renvoie un tableau (DataFrame), une ligne par indicateur dans l'ordre donné, indexé par le
    nom du repère, avec ``indicateur`` (le libellé), ``valeur``, ``bas`` et ``haut`` (la
    fourchette), ``position`` (« en dessous », « dans la fourchette », « au-dessus ») et
    ``place`` = (valeur − bas) ÷ (haut − bas) : 0 au bas de la fourchette, 1 en haut, moins de 0
    en dessous, plus de 1 au-dessus. L'indicateur le plus faible **face à son repère** est celui
    qui a la plus petite ``place``, pas celui qui a le plus petit taux.
    Pour l'afficher lisiblement : ``apercu(face_aux_reperes(...))``.
    """
    import pandas as pd

    if not isinstance(indicateurs, dict) or not indicateurs:
        raise TypeInvalide(
            "`indicateurs` doit être un dictionnaire non vide {repère: taux}, par ex. "
            '{"taux_presence_webinaire": 0.41}.'
        )
    lignes, noms = [], []
    for cle, valeur in indicateurs.items():
        comparaison = comparer_aux_reperes(valeur, cle)
        r = comparaison.repere
        largeur = r.haut - r.bas
        place = (comparaison.valeur - r.bas) / largeur if largeur > 0 else float("nan")
        noms.append(cle if isinstance(cle, str) else r.libelle)
        lignes.append({"indicateur": r.libelle, "valeur": comparaison.valeur, "bas": r.bas,
                       "haut": r.haut, "position": comparaison.position, "place": place})
    return pd.DataFrame(lignes, index=pd.Index(noms, name="repere"))


# ---------------------------------------------------------------- tables


def _verifier_tableau(df, colonnes, quoi):
    """The DataFrame, after checking it is one and has `colonnes`."""
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise TypeInvalide(
            f"{quoi} attend un tableau pandas (DataFrame), pas un objet {type(df).__name__}. "
            'Charge d\'abord le fichier, par ex. `pd.read_csv(chemin_donnees("lancement_entonnoir.csv"))`.'
        )
    for colonne in colonnes:
        if colonne not in df.columns:
            raise ColonneManquante(
                f"Le tableau n'a pas de colonne « {colonne} », nécessaire pour {quoi}. "
                f"Colonnes présentes : {', '.join(map(str, df.columns)) or 'aucune'}. "
                "Vérifie l'orthographe ou renomme la colonne avec `df.rename(columns={...})`."
            )
    return df


def _colonne_comptes(df, colonne):
    """A column of counts ≥ 0 without blanks, as a Series of floats."""
    import pandas as pd

    serie = df[colonne]
    if pd.api.types.is_bool_dtype(serie) or not pd.api.types.is_numeric_dtype(serie):
        raise TypeInvalide(
            f"La colonne « {colonne} » doit contenir des nombres, pas du texte "
            f'(type trouvé : {serie.dtype}). Convertis-la avec `pd.to_numeric(df["{colonne}"])` '
            "après avoir enlevé espaces et symboles."
        )
    vides = int(serie.isna().sum())
    if vides:
        raise DonneesInvalides(
            f"La colonne « {colonne} » a {vides} case(s) vide(s) : complète-les ou retire ces lignes "
            "avant le calcul, sinon le total serait faux sans prévenir."
        )
    if (serie < 0).any():
        raise DonneesInvalides(
            f"La colonne « {colonne} » contient des valeurs négatives : des effectifs ou des montants "
            "ne peuvent pas l'être. Vérifie ces lignes."
        )
    return serie.astype("float64")


ETAPES_LANCEMENT = ["visites", "inscriptions_webinaire", "participants_webinaire", "ventes"]
"""Étapes par défaut de l'entonnoir d'un lancement par webinaire (colonnes de lancement_entonnoir.csv)."""


def entonnoir(df, etapes=None):
    """Entonnoir de conversion : effectif de chaque étape, taux d'étape et taux global.

    ``df`` a une colonne par étape (une ligne par jour et par source, ou une seule ligne de totaux) ;
    ``etapes`` donne leur ordre, de la plus large à la plus étroite (par défaut
    ``ETAPES_LANCEMENT`` : visites → inscriptions au webinaire → participantes → ventes).
    Renvoie un DataFrame indexé par ``etape`` avec ``effectif`` (la somme de la colonne),
    ``taux_etape`` (effectif ÷ effectif de l'étape précédente ; 1.0 pour la première) et
    ``taux_global`` (effectif ÷ effectif de la première étape).
    Pour trouver le maillon faible : ``etape_la_plus_faible(entonnoir(df))``.
    """
    import pandas as pd

    etapes = list(ETAPES_LANCEMENT if etapes is None else etapes)
    if len(etapes) < 2 or not all(isinstance(e, str) for e in etapes):
        raise DonneesInvalides(
            "`etapes` doit être une liste d'au moins deux noms de colonnes, "
            'par ex. ["visites", "inscriptions_webinaire", "ventes"].'
        )
    _verifier_tableau(df, etapes, "l'entonnoir")
    effectifs = [float(_colonne_comptes(df, e).sum()) for e in etapes]
    if effectifs[0] == 0:
        raise DonneesInvalides(
            f"La première étape « {etapes[0]} » totalise 0 (ou le tableau est vide) : "
            "il n'y a pas d'entonnoir à calculer. Vérifie ton filtre."
        )
    for precedente, etape, n_prec, n in zip(etapes, etapes[1:], effectifs, effectifs[1:]):
        if n > n_prec:
            raise DonneesInvalides(
                f"L'étape « {etape} » ({_fr(n)}) dépasse l'étape précédente « {precedente} » ({_fr(n_prec)}) : "
                "dans un entonnoir, chaque étape est plus étroite que la précédente. "
                "Vérifie l'ordre des étapes."
            )
        if n_prec == 0:
            raise DonneesInvalides(
                f"L'étape « {precedente} » totalise 0 : impossible de calculer le taux de l'étape "
                f"« {etape} » (division par zéro). Arrête l'entonnoir avant cette étape."
            )
    taux_etape = [1.0] + [n / p for p, n in itertools.pairwise(effectifs)]
    resultat = pd.DataFrame(
        {
            "effectif": [int(n) for n in effectifs],
            "taux_etape": taux_etape,
            "taux_global": [n / effectifs[0] for n in effectifs],
        },
        index=pd.Index(etapes, name="etape"),
    )
    return resultat


def etape_la_plus_faible(entonnoir_df):
    """Nom de l'étape au plus petit taux d'étape.

    ``entonnoir_df`` est le résultat de ``entonnoir(...)``. La première étape (taux 1.0 par
    convention) n'est pas candidate ; en cas d'égalité, la première étape concernée l'emporte.
    Attention : ce n'est pas un diagnostic. Le plus petit taux d'un entonnoir est presque
    toujours celui du haut (on perd plus de monde en haut qu'en bas). Pour trouver le maillon
    faible, compare chaque taux à son repère : ``face_aux_reperes({...})``.
    """
    _verifier_tableau(entonnoir_df, ["taux_etape"], "trouver l'étape la plus faible")
    if len(entonnoir_df) < 2:
        raise DonneesInvalides(
            "L'entonnoir doit avoir au moins deux étapes : calcule-le d'abord avec `entonnoir(df)`."
        )
    taux = entonnoir_df["taux_etape"].iloc[1:]
    return str(taux.idxmin())


def taux_email(campagnes, *, total=False):
    """Taux d'une ou plusieurs campagnes e-mail, une ligne par campagne.

    ``campagnes`` a les colonnes ``envoyes``, ``delivres``, ``ouvertures`` (ouvreuses uniques),
    ``clics`` (cliqueuses uniques) et ``desinscriptions`` ; ``campagne`` (le nom) sert d'index si
    elle est là ; ``rebonds_durs`` et ``rebonds_temporaires`` sont facultatives.
    Renvoie un DataFrame de fractions :
    ``taux_delivrabilite`` = délivrés ÷ envoyés, ``taux_ouverture`` = ouvertures ÷ délivrés,
    ``taux_clic`` = clics ÷ délivrés, ``taux_clic_ouverture`` = clics ÷ ouvertures,
    ``taux_desinscription`` = désinscriptions ÷ délivrés, ``taux_rebond`` = (envoyés − délivrés) ÷ envoyés,
    plus ``taux_rebond_dur`` et ``taux_rebond_temporaire`` (÷ envoyés) si ces colonnes existent.
    Avec ``total=True``, une dernière ligne « Total » calcule les mêmes taux sur la somme des
    campagnes (chaque envoi pèse autant, ce n'est pas la moyenne des taux).
    """
    import pandas as pd

    requises = ["envoyes", "delivres", "ouvertures", "clics", "desinscriptions"]
    _verifier_tableau(campagnes, requises, "les taux e-mail")
    if len(campagnes) == 0:
        raise DonneesInvalides(
            "Le tableau des campagnes est vide : il n'y a aucun taux à calculer."
        )
    rebonds = [c for c in ("rebonds_durs", "rebonds_temporaires") if c in campagnes.columns]
    chiffres = pd.DataFrame({c: _colonne_comptes(campagnes, c) for c in requises + rebonds})
    if "campagne" in campagnes.columns:
        chiffres.index = pd.Index(campagnes["campagne"].astype(str), name="campagne")
    if total:
        chiffres.loc["Total"] = chiffres.sum()

    def controle(condition, message):
        fautives = list(chiffres.index[condition])
        if fautives:
            noms = ", ".join(f"« {n} »" for n in fautives[:5])
            raise DonneesInvalides(f"{message} (campagne(s) : {noms}). Vérifie ces lignes.")

    controle(chiffres["envoyes"] == 0, "Aucun envoi : impossible de calculer des taux sur zéro")
    controle(chiffres["delivres"] > chiffres["envoyes"], "Plus d'e-mails délivrés qu'envoyés")
    controle(
        chiffres["delivres"] == 0, "Aucun e-mail délivré : impossible de calculer des taux sur zéro"
    )
    for colonne in ("ouvertures", "clics", "desinscriptions"):
        controle(
            chiffres[colonne] > chiffres["delivres"], f"Plus de {colonne} que d'e-mails délivrés"
        )
    controle(
        chiffres["ouvertures"] == 0,
        "Aucune ouverture : le taux de clic par ouverture est impossible",
    )

    taux = pd.DataFrame(index=chiffres.index)
    taux["taux_delivrabilite"] = chiffres["delivres"] / chiffres["envoyes"]
    taux["taux_ouverture"] = chiffres["ouvertures"] / chiffres["delivres"]
    taux["taux_clic"] = chiffres["clics"] / chiffres["delivres"]
    taux["taux_clic_ouverture"] = chiffres["clics"] / chiffres["ouvertures"]
    taux["taux_desinscription"] = chiffres["desinscriptions"] / chiffres["delivres"]
    taux["taux_rebond"] = (chiffres["envoyes"] - chiffres["delivres"]) / chiffres["envoyes"]
    if "rebonds_durs" in rebonds:
        taux["taux_rebond_dur"] = chiffres["rebonds_durs"] / chiffres["envoyes"]
    if "rebonds_temporaires" in rebonds:
        taux["taux_rebond_temporaire"] = chiffres["rebonds_temporaires"] / chiffres["envoyes"]
    return taux


def retention_cohortes(abonnements, *, date_observation=None, debut="date_debut", fin="date_fin"):
    """Rétention par cohorte d'un abonnement mensuel.

    ``abonnements`` a une ligne par membre avec la date de début et la date de fin (le dernier
    jour couvert ; vide si elle est toujours membre). Une cohorte regroupe les membres arrivées le
    même mois. Renvoie un DataFrame : une ligne par cohorte (``"2026-01"``…), une colonne par
    nombre de mois depuis l'arrivée (0, 1, 2…), et dans chaque case la part de la cohorte encore
    membre ce nombre de mois après sa date d'arrivée (1.0 au mois 0).
    Une case est vide (NaN) quand on ne peut pas encore la connaître : la date d'observation
    (par défaut la date la plus récente du tableau) arrive avant ce mois-là pour au moins une membre.
    """
    import pandas as pd

    _verifier_tableau(abonnements, [debut, fin], "la rétention par cohorte")
    if len(abonnements) == 0:
        raise DonneesInvalides(
            "Le tableau des abonnements est vide : il n'y a aucune cohorte à calculer."
        )
    debuts = pd.to_datetime(abonnements[debut], errors="coerce", format="ISO8601")
    if debuts.isna().any():
        raise DonneesInvalides(
            f"{int(debuts.isna().sum())} ligne(s) n'ont pas de date de début lisible dans « {debut} » : "
            "écris les dates au format 2026-01-31."
        )
    brutes = abonnements[fin]
    vides = brutes.isna() | (brutes.astype(str).str.strip() == "")
    fins = pd.to_datetime(brutes.where(~vides), errors="coerce", format="ISO8601")
    illisibles = fins.isna() & ~vides
    if illisibles.any():
        raise DonneesInvalides(
            f"{int(illisibles.sum())} date(s) de fin illisibles dans « {fin} » : écris-les au format "
            "2026-01-31, ou laisse la case vide si la membre est toujours abonnée."
        )
    if (fins < debuts).any():
        raise DonneesInvalides(
            f"{int((fins < debuts).sum())} membre(s) ont une date de fin avant leur date de début : "
            "vérifie ces lignes."
        )
    if date_observation is None:
        observation = max(debuts.max(), fins.max()) if fins.notna().any() else debuts.max()
    else:
        try:
            observation = pd.Timestamp(date_observation)
        except (TypeError, ValueError):
            raise DonneesInvalides(
                f"`date_observation` ({date_observation!r}) n'est pas une date lisible : "
                'écris-la au format "2027-05-31" ou donne un objet date.'
            ) from None
    if observation < debuts.min():
        raise DonneesInvalides(
            "`date_observation` tombe avant la première arrivée : aucune rétention n'est observable."
        )
    cohortes = debuts.dt.strftime("%Y-%m")
    premier = debuts.min()
    nb_mois = (observation.year - premier.year) * 12 + observation.month - premier.month
    lignes = {}
    for cohorte in sorted(cohortes.unique()):
        membres = cohortes == cohorte
        d, f = debuts[membres], fins[membres]
        dernier_debut = d.max()
        ligne = []
        for k in range(nb_mois + 1):
            if dernier_debut + pd.DateOffset(months=k) > observation:
                ligne.append(float("nan"))
                continue
            encore = f.isna() | (f >= d + pd.DateOffset(months=k))
            ligne.append(float(encore.sum()) / len(d))
        lignes[cohorte] = ligne
    table = pd.DataFrame.from_dict(lignes, orient="index", columns=range(nb_mois + 1))
    table.index.name = "cohorte"
    table.columns.name = "mois_depuis_debut"
    return table


def churn_mensuel(abonnements, *, date_observation=None, debut="date_debut", fin="date_fin",
                  total=True):
    """Taux d'attrition (*churn*) d'un abonnement, mois par mois.

    ``abonnements`` a une ligne par membre avec sa date de début et sa date de fin (le dernier
    jour couvert ; vide si elle est toujours membre), comme ``abonnements.csv``.
    Pour chaque mois complet observé : ``membres_debut_mois`` (présentes le 1er du mois),
    ``resiliations`` (celles parmi elles dont la date de fin tombe dans le mois) et
    ``taux_churn`` = résiliations ÷ membres au début du mois. Le mois d'ouverture n'est pas
    compté (les membres y arrivent tout le mois), ni un mois que la date d'observation ne
    couvre pas en entier. Avec ``total=True`` (par défaut), une dernière ligne « Ensemble »
    donne le taux de toute la période : la somme des résiliations ÷ la somme des membres au début
    de chaque mois (chaque membre-mois pèse autant ; ce n'est pas la moyenne des taux).
    ``date_observation`` : le jour où le tableau a été arrêté (par défaut la date la plus récente
    du tableau).
    """
    import pandas as pd

    _verifier_tableau(abonnements, [debut, fin], "le taux d'attrition mensuel")
    if len(abonnements) == 0:
        raise DonneesInvalides("Le tableau des abonnements est vide : il n'y a aucun mois à calculer.")
    debuts = pd.to_datetime(abonnements[debut], errors="coerce", format="ISO8601")
    if debuts.isna().any():
        raise DonneesInvalides(
            f"{int(debuts.isna().sum())} ligne(s) n'ont pas de date de début lisible dans « {debut} » : "
            "écris les dates au format 2026-01-31."
        )
    brutes = abonnements[fin]
    vides = brutes.isna() | (brutes.astype(str).str.strip() == "")
    fins = pd.to_datetime(brutes.where(~vides), errors="coerce", format="ISO8601")
    if (fins.isna() & ~vides).any():
        raise DonneesInvalides(
            f"{int((fins.isna() & ~vides).sum())} date(s) de fin illisibles dans « {fin} » : écris-les "
            "au format 2026-01-31, ou laisse la case vide si la membre est toujours abonnée."
        )
    if date_observation is None:
        observation = max(debuts.max(), fins.max()) if fins.notna().any() else debuts.max()
    else:
        try:
            observation = pd.Timestamp(date_observation)
        except (TypeError, ValueError):
            raise DonneesInvalides(
                f"`date_observation` ({date_observation!r}) n'est pas une date lisible : "
                'écris-la au format "2027-05-31" ou donne un objet date.'
            ) from None
    premier = debuts.min()
    mois = pd.period_range(premier.to_period("M") + 1, observation.to_period("M"), freq="M")
    lignes, index = [], []
    for m in mois:
        jour_1 = m.start_time
        dernier = m.end_time.normalize()
        if dernier > observation:
            continue  # a month not fully observed
        presentes = (debuts <= jour_1) & (fins.isna() | (fins >= jour_1))
        parties = presentes & fins.notna() & (fins <= dernier)
        n = int(presentes.sum())
        lignes.append({"membres_debut_mois": n, "resiliations": int(parties.sum()),
                       "taux_churn": parties.sum() / n if n else float("nan")})
        index.append(str(m))
    if not lignes:
        raise DonneesInvalides(
            "Aucun mois complet n'est observé après l'ouverture de l'abonnement : vérifie "
            "`date_observation`."
        )
    table = pd.DataFrame(lignes, index=pd.Index(index, name="mois"))
    if total:
        membres = int(table["membres_debut_mois"].sum())
        resiliations = int(table["resiliations"].sum())
        table.loc["Ensemble"] = [membres, resiliations,
                                 resiliations / membres if membres else float("nan")]
        table = table.astype({"membres_debut_mois": "int64", "resiliations": "int64"})
    return table


# ---------------------------------------------------------------- raw sales export


_ENTETES = {
    "n° commande": "commande",
    "no commande": "commande",
    "numéro de commande": "commande",
    "commande": "commande",
    "date": "date",
    "e-mail": "email",
    "email": "email",
    "produit": "produit",
    "formule": "formule",
    "montant": "montant",
    "statut": "statut",
    "source": "source",
}
_COLONNES_EXPORT = [
    "commande",
    "date",
    "email",
    "produit",
    "formule",
    "montant",
    "statut",
    "source",
]
_PAYEE = {"payée", "payee", "payé", "paye"}
_ECHOUEE = {"échouée", "echouee", "échoué", "echoue", "refusée", "refusee"}


@dataclass
class ExportVentes:
    """Un export de ventes nettoyé : les ventes, les remboursements et le rapport de nettoyage.

    - ``ventes`` : une ligne par commande payée (``statut`` « payée » ou « remboursée »).
    - ``remboursements`` : une ligne par remboursement (``montant`` positif = somme rendue).
    - ``rapport`` : les phrases qui disent ce qui a été retiré, complété ou corrigé, et pourquoi.
    - ``comptes`` : les mêmes nombres dans un dictionnaire (``comptes["doublons"]``…).

    ``export.enregistrer_excel(chemin)`` écrit les ventes propres et le rapport dans un
    classeur (.xlsx) qu'un tableur ouvre tel quel.
    """

    ventes: object
    remboursements: object
    rapport: list = field(default_factory=list)
    comptes: dict = field(default_factory=dict)

    def __str__(self):
        return "\n".join(self.rapport)

    def enregistrer_excel(self, chemin):
        """Écrit un classeur Excel (.xlsx) : la feuille « Ventes » (une ligne par commande, dates
        et montants en vrais nombres, lisibles dans Excel, LibreOffice ou Google Sheets) et la
        feuille « Rapport » (ce que le nettoyage a retiré, complété ou corrigé). Renvoie le chemin.
        """
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        chemin = Path(chemin)
        if chemin.suffix.lower() != ".xlsx":
            raise DonneesInvalides(
                f"« {chemin.name} » : un classeur Excel se nomme en .xlsx, par exemple "
                '"12_ventes_nettoyees.xlsx".'
            )
        classeur = Workbook()
        feuille = classeur.active
        feuille.title = "Ventes"
        colonnes = list(self.ventes.columns)
        feuille.append(colonnes)
        for cellule in feuille[1]:
            cellule.font = Font(bold=True)
        formats = {"date": "dd/mm/yyyy hh:mm", "jour": "dd/mm/yyyy", "montant": "#,##0.00 €",
                   "valeur_commande": "#,##0.00 €"}
        for ligne in self.ventes.itertuples(index=False, name=None):
            valeurs = []
            for v in ligne:
                if v is None or (isinstance(v, float) and math.isnan(v)) or str(v) in ("NaT", "<NA>"):
                    valeurs.append(None)
                elif hasattr(v, "to_pydatetime"):
                    valeurs.append(v.to_pydatetime())
                elif hasattr(v, "item"):
                    valeurs.append(v.item())
                else:
                    valeurs.append(v)
            feuille.append(valeurs)
        for position, nom in enumerate(colonnes, start=1):
            lettre = get_column_letter(position)
            largeur = max([len(str(nom))] + [len(str(v)) for v in self.ventes[nom].head(200)])
            feuille.column_dimensions[lettre].width = min(max(largeur, 10) + 2, 40)
            if nom in formats:
                for (cellule,) in feuille.iter_rows(min_row=2, min_col=position, max_col=position):
                    cellule.number_format = formats[nom]
        feuille.freeze_panes = "A2"
        rapport = classeur.create_sheet("Rapport")
        rapport.append(["Nettoyage de l'export"])
        rapport["A1"].font = Font(bold=True)
        for phrase in self.rapport:
            rapport.append([phrase])
        rapport.column_dimensions["A"].width = 110
        classeur.save(chemin)
        return chemin

    def _repr_markdown_(self):
        return "**Nettoyage de l'export**\n\n" + "\n".join(f"- {ligne}" for ligne in self.rapport)


def _lire_montant(texte):
    """'1 290,00 €' (plain, no-break or narrow no-break spaces) -> 1290.0; None when unreadable."""
    propre = re.sub(r"\s", "", texte.replace("€", ""))
    if not propre:
        return None
    if "," in propre:
        propre = propre.replace(".", "").replace(",", ".")
    try:
        return float(propre)
    except ValueError:
        return None


def _lire_export(chemin_ou_fichier):
    import pandas as pd

    from obm.donnees import chemin_donnees

    if hasattr(chemin_ou_fichier, "read"):
        source = chemin_ou_fichier
    elif isinstance(chemin_ou_fichier, (str, PurePath)):
        source = Path(chemin_ou_fichier)
        if not source.is_file():
            if source.parent != Path("."):
                raise DonneesInvalides(
                    f"Le fichier « {source} » n'existe pas. Vérifie le chemin (et l'extension .csv)."
                )
            source = chemin_donnees(source.name)  # a bare name: a file of data/
    else:
        raise TypeInvalide(
            '`chemin_ou_fichier` doit être un chemin (par ex. "ventes_export_brut.csv") '
            f"ou un fichier ouvert, pas un objet {type(chemin_ou_fichier).__name__}."
        )
    try:
        return pd.read_csv(source, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        raise DonneesInvalides(
            "L'export est vide : exporte de nouveau les ventes depuis ton outil."
        ) from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DonneesInvalides(
            "Je n'arrive pas à lire cet export comme un CSV séparé par des points-virgules, encodé en "
            f"UTF-8 ({exc.__class__.__name__}). Réexporte-le en CSV UTF-8 avec « ; » comme séparateur."
        ) from None


def charger_export_ventes(chemin_ou_fichier):
    """Charge et nettoie un export brut de ventes (CSV à « ; », montants « 1 290,00 € », dates jj/mm/aaaa).

    ``chemin_ou_fichier`` : un chemin, le nom d'un fichier de ``data/`` (par ex.
    ``"ventes_export_brut.csv"``) ou un fichier déjà ouvert.
    Renvoie un objet ``ExportVentes`` ; ``export.ventes`` est un DataFrame d'une ligne par commande
    payée, colonnes ``commande``, ``date`` (date et heure), ``jour`` (la date à minuit), ``email``,
    ``produit``, ``formule``, ``montant`` (en euros, nombre décimal), ``statut`` (« payée » ou
    « remboursée ») et ``source`` ; ``export.remboursements`` liste les remboursements ;
    ``export.rapport`` (affiché quand tu tapes ``export``) dit ligne par ligne ce qui a été fait :

    - lignes en double (identiques après nettoyage du texte) supprimées ;
    - remboursements (statut « remboursement » ou montant négatif) retirés des ventes, et la
      commande d'origine marquée « remboursée » ;
    - paiements échoués ou refusés supprimés (ce ne sont pas des ventes) ;
    - montants manquants complétés par le montant habituel du même produit et de la même formule ;
    - e-mails manquants signalés (la vente est gardée) ;
    - espaces en trop et majuscules corrigés (sources en minuscules avec « _ », formules et
      statuts en minuscules, e-mails en minuscules, produit écrit comme le plus souvent).
    """
    import pandas as pd

    brut = _lire_export(chemin_ou_fichier)
    renommage = {c: _ENTETES.get(str(c).strip().lower(), str(c).strip()) for c in brut.columns}
    brut = brut.rename(columns=renommage)
    for colonne in _COLONNES_EXPORT:
        if colonne not in brut.columns:
            raise ColonneManquante(
                f"L'export n'a pas de colonne « {colonne} ». Colonnes trouvées : "
                f"{', '.join(map(str, brut.columns))}. Il faut : N° commande, Date, E-mail, Produit, "
                "Formule, Montant, Statut, Source, séparées par « ; »."
            )
    brut = brut[_COLONNES_EXPORT]
    comptes = {"lignes_lues": len(brut)}

    # 1. Text: the same value must be written the same way, or duplicates and groups are missed.
    propre = pd.DataFrame({c: brut[c].astype(str).str.strip() for c in _COLONNES_EXPORT})
    propre["source"] = propre["source"].str.lower().str.replace(r"[\s\-]+", "_", regex=True)
    for colonne in ("formule", "statut"):
        propre[colonne] = propre[colonne].str.lower().str.replace(r"\s+", " ", regex=True)
    propre["email"] = propre["email"].str.lower()
    graphies = (
        propre["produit"]
        .groupby(propre["produit"].str.casefold())
        .agg(lambda s: s.value_counts().index[0])
    )
    propre["produit"] = propre["produit"].str.casefold().map(graphies)
    comptes["textes_nettoyes"] = int((propre != brut.astype(str)).to_numpy().sum())

    # 2. Exact duplicates (an export glitch), before anything is counted.
    doublons = propre.duplicated(keep="first")
    comptes["doublons"] = int(doublons.sum())
    propre = propre[~doublons]

    # 3. Dates and amounts.
    dates = pd.to_datetime(propre["date"], format="%d/%m/%Y %H:%M", errors="coerce")
    dates = dates.fillna(pd.to_datetime(propre["date"], format="%d/%m/%Y", errors="coerce"))
    comptes["dates_illisibles"] = int(dates.isna().sum())
    propre = propre.assign(date=dates)[dates.notna()]
    montants = pd.Series(
        [_lire_montant(m) for m in propre["montant"]], index=propre.index, dtype="float64"
    )
    propre = propre.assign(montant=montants)

    # 4. What each row is: a refund, a failed payment, a sale, or something unknown.
    est_remboursement = propre["statut"].str.startswith("rembours") | (propre["montant"] < 0)
    est_echec = propre["statut"].isin(_ECHOUEE) & ~est_remboursement
    est_vente = propre["statut"].isin(_PAYEE) & ~est_remboursement
    inconnus = propre[~(est_remboursement | est_echec | est_vente)]
    comptes["paiements_echoues"] = int(est_echec.sum())
    comptes["statuts_inconnus"] = len(inconnus)
    remb = propre[est_remboursement].copy()
    ventes = propre[est_vente].copy()

    # 5. One row per order number.
    numeros_doubles = ventes["commande"].duplicated(keep="first")
    comptes["numeros_en_double"] = int(numeros_doubles.sum())
    ventes = ventes[~numeros_doubles]

    # 6. Missing amounts: the usual amount of the same product and payment plan.
    manquants = ventes["montant"].isna()
    habituels = (
        ventes[~manquants]
        .groupby(["produit", "formule"])["montant"]
        .agg(lambda s: s.value_counts().index[0])
    )
    cles = list(zip(ventes.loc[manquants, "produit"], ventes.loc[manquants, "formule"]))
    ventes.loc[manquants, "montant"] = [habituels.get(cle, float("nan")) for cle in cles]
    impossibles = ventes["montant"].isna()
    comptes["montants_completes"] = int(manquants.sum() - impossibles.sum())
    comptes["montants_manquants_supprimes"] = int(impossibles.sum())
    ventes = ventes[~impossibles]

    # 7. Refunds: amounts as positive sums given back; the order is marked.
    remb["montant"] = remb["montant"].abs()
    comptes["remboursements"] = len(remb)
    connues = remb["commande"].isin(ventes["commande"])
    comptes["remboursements_sans_commande"] = int((~connues).sum())
    ventes["statut"] = (
        ventes["commande"].isin(remb["commande"]).map({True: "remboursée", False: "payée"})
    )

    ventes["email"] = ventes["email"].mask(ventes["email"] == "")
    comptes["emails_manquants"] = int(ventes["email"].isna().sum())
    ventes.insert(2, "jour", ventes["date"].dt.normalize())
    # What the customer committed to pay: every instalment of a « 3 fois » plan, not only the
    # first one cashed on the day of the order.
    echeances = ventes["formule"].str.extract(r"(\d+)\s*fois", expand=False).astype("float64")
    ventes.insert(
        list(ventes.columns).index("montant") + 1,
        "valeur_commande",
        ventes["montant"] * echeances.fillna(1.0),
    )
    ventes = ventes.sort_values(["date", "commande"]).reset_index(drop=True)
    remb = remb.sort_values(["date", "commande"]).reset_index(drop=True)[
        ["commande", "date", "email", "produit", "formule", "montant", "source"]
    ]
    comptes["commandes"] = len(ventes)

    par_produit = ventes["produit"].value_counts()
    detail = ", ".join(f"{produit} : {n}" for produit, n in par_produit.items())
    rapport = [
        f"Lignes lues : {comptes['lignes_lues']}.",
        f"Lignes en double supprimées : {comptes['doublons']}.",
        (
            f"Remboursements : {comptes['remboursements']} ligne(s), retirées des ventes ; "
            "la commande d'origine est marquée « remboursée »."
        ),
        f"Paiements échoués ou refusés supprimés (ce ne sont pas des ventes) : {comptes['paiements_echoues']}.",
        (
            "Montants manquants complétés par le montant habituel du produit et de la formule : "
            f"{comptes['montants_completes']}."
        ),
        (
            f"E-mails manquants : {comptes['emails_manquants']} commande(s), gardées "
            "(la vente a bien eu lieu) ; complète l'adresse dans ton outil."
        ),
        f"Textes corrigés (espaces en trop, majuscules) : {comptes['textes_nettoyes']} case(s).",
    ]
    if comptes["dates_illisibles"]:
        rapport.append(
            f"Lignes supprimées car leur date est illisible : {comptes['dates_illisibles']}."
        )
    if comptes["statuts_inconnus"]:
        valeurs = ", ".join(f"« {s} »" for s in sorted(inconnus["statut"].unique()))
        rapport.append(
            f"Lignes ignorées car leur statut est inconnu ({valeurs}) : {comptes['statuts_inconnus']}."
        )
    if comptes["numeros_en_double"]:
        rapport.append(
            f"Numéros de commande présents deux fois avec un contenu différent : {comptes['numeros_en_double']} "
            "(seule la première ligne est gardée ; vérifie-les dans ton outil)."
        )
    if comptes["montants_manquants_supprimes"]:
        rapport.append(
            f"Ventes supprimées car leur montant manque et ne peut pas être déduit : "
            f"{comptes['montants_manquants_supprimes']}."
        )
    if comptes["remboursements_sans_commande"]:
        rapport.append(
            f"Remboursements d'une commande absente de l'export : {comptes['remboursements_sans_commande']}."
        )
    rapport.append(
        f"Commandes gardées : {comptes['commandes']} ({detail or 'aucune'}), "
        f"dont {int((ventes['statut'] == 'remboursée').sum())} remboursée(s)."
    )
    return ExportVentes(ventes=ventes, remboursements=remb, rapport=rapport, comptes=comptes)


# ---------------------------------------------------------------- revenue, defined once


@dataclass(frozen=True)
class BilanVentes:
    """Le chiffre d'affaires d'un produit, sous ses différentes définitions (en euros).

    - ``ventes_conclues_ttc`` : ce que les clientes se sont engagées à payer, toutes échéances
      comprises (un paiement en 3 fois compte pour ses 3 mensualités), avant remboursements ;
    - ``ventes_nettes_ttc`` : les mêmes, sans les commandes remboursées : **le chiffre
      d'affaires du lancement** au sens de ce cours ; ``ventes_nettes_ht`` : le même hors taxes
      (le chiffre d'affaires au sens comptable, quand on facture la TVA) ;
    - ``encaisse_commandes_ttc`` : l'argent arrivé le jour des commandes (1re mensualité
      seulement), avant remboursements : c'est ce que compte la colonne ``chiffre_affaires`` de
      ``lancement_entonnoir.csv`` ;
    - ``rembourse_ttc`` : les sommes rendues ; ``a_encaisser_ttc`` : les mensualités encore à
      venir des commandes gardées.
    """

    produit: str
    source: str | None
    commandes: int
    paiements_uniques: int
    paiements_echelonnes: int
    remboursements: int
    encaisse_commandes_ttc: float
    ventes_conclues_ttc: float
    rembourse_ttc: float
    ventes_nettes_ttc: float
    ventes_nettes_ht: float
    a_encaisser_ttc: float
    taux_tva: float

    def _lignes(self):
        from obm import fr

        return [
            ("Commandes (remboursées comprises)", fr.nombre(self.commandes)),
            ("dont paiements en plusieurs fois", fr.nombre(self.paiements_echelonnes)),
            ("Commandes remboursées", fr.nombre(self.remboursements)),
            ("Encaissé le jour des commandes (TTC, avant remboursements)",
             fr.euros(self.encaisse_commandes_ttc)),
            ("Ventes conclues (TTC, toutes échéances)", fr.euros(self.ventes_conclues_ttc)),
            ("Remboursé (TTC)", fr.euros(self.rembourse_ttc)),
            ("Chiffre d'affaires TTC (ventes conclues nettes)", fr.euros(self.ventes_nettes_ttc)),
            (f"Chiffre d'affaires HT (TVA à {fr.pourcentage(self.taux_tva)})",
             fr.euros(self.ventes_nettes_ht)),
            ("Mensualités encore à encaisser (TTC)", fr.euros(self.a_encaisser_ttc)),
        ]

    def _titre(self):
        return f"Ventes de {self.produit}" + (f" (source {self.source})" if self.source else "")

    def __str__(self):
        from obm import _affichage

        return _affichage.texte(self._titre(), self._lignes())

    def _repr_html_(self):
        from obm import _affichage

        return _affichage.bloc_html(self._titre(), self._lignes())


def bilan_ventes(export, produit="Cap Sérénité", *, source=None, taux_tva=0.20):
    """Le chiffre d'affaires d'un produit à partir d'un export nettoyé, sous toutes ses définitions.

    ``export`` : le résultat de ``charger_export_ventes(...)`` ; ``produit`` : le nom du produit
    tel qu'il est écrit dans l'export ; ``source`` (facultatif) : ne garder que les commandes
    d'une source (par ex. ``"facebook_ads"``) ; ``taux_tva`` : 0.20 en France pour une formation.
    Renvoie un objet ``BilanVentes`` : ``ventes_nettes_ttc`` (ventes conclues, toutes échéances,
    sans les commandes remboursées), ``ventes_nettes_ht``, ``encaisse_commandes_ttc``,
    ``ventes_conclues_ttc``, ``rembourse_ttc``, ``a_encaisser_ttc``, ``commandes``…
    Un bilan dit toujours lequel de ces chiffres il donne.
    """
    if not isinstance(export, ExportVentes):
        raise TypeInvalide(
            "`export` doit être le résultat de `kpi.charger_export_ventes(...)` (un export nettoyé), "
            f"pas un objet {type(export).__name__}."
        )
    tva = _taux(taux_tva, "taux_tva")
    ventes = export.ventes
    choisies = ventes[ventes["produit"] == produit]
    if choisies.empty:
        connus = ", ".join(sorted(map(str, ventes["produit"].unique()))) or "aucun"
        raise IdentifiantInconnu(
            f"Aucune commande du produit « {produit} » dans l'export. Produits présents : {connus}."
        )
    remb = export.remboursements
    remb = remb[remb["commande"].isin(choisies["commande"])]
    if source is not None:
        choisies = choisies[choisies["source"] == source]
        if choisies.empty:
            connues = ", ".join(sorted(map(str, ventes["source"].unique())))
            raise IdentifiantInconnu(
                f"Aucune commande de « {produit} » pour la source « {source} ». Sources : {connues}."
            )
        remb = remb[remb["commande"].isin(choisies["commande"])]
    gardees = choisies[choisies["statut"] != "remboursée"]
    nettes_ttc = float(gardees["valeur_commande"].sum())
    return BilanVentes(
        produit=produit,
        source=source,
        commandes=len(choisies),
        paiements_uniques=int((choisies["valeur_commande"] == choisies["montant"]).sum()),
        paiements_echelonnes=int((choisies["valeur_commande"] > choisies["montant"]).sum()),
        remboursements=int((choisies["statut"] == "remboursée").sum()),
        encaisse_commandes_ttc=float(choisies["montant"].sum()),
        ventes_conclues_ttc=float(choisies["valeur_commande"].sum()),
        rembourse_ttc=float(remb["montant"].sum()),
        ventes_nettes_ttc=nettes_ttc,
        ventes_nettes_ht=nettes_ttc / (1 + tva),
        a_encaisser_ttc=nettes_ttc - float(gardees["montant"].sum()),
        taux_tva=tva,
    )


# ---------------------------------------------------------------- dashboard


_LIBELLES_ETAPES = {
    "visites": "Visites",
    "inscriptions_liste": "Inscriptions à la liste",
    "inscriptions_webinaire": "Inscriptions au webinaire",
    "participants_webinaire": "Participantes au webinaire",
    "ventes": "Ventes",
}


def _pas_de_donnees(ax, titre, precision=""):
    ax.set_title(titre)
    ax.text(
        0.5,
        0.5,
        "pas de données" + (f"\n({precision})" if precision else ""),
        ha="center",
        va="center",
        transform=ax.transAxes,
        fontsize=12,
        color="dimgray",
    )
    ax.set_xticks([])
    ax.set_yticks([])


def _ca_par_source(entonnoir_df, ca, export, produit):
    """Revenue per source: net closed sales from the export, or what the funnel file cashed."""
    import pandas as pd

    if export is None:
        return ca.groupby(entonnoir_df["source"].astype(str)).sum()
    if not isinstance(export, ExportVentes):
        raise TypeInvalide(
            "`export` doit être le résultat de `kpi.charger_export_ventes(...)`, "
            f"pas un objet {type(export).__name__}."
        )
    ventes = export.ventes
    gardees = ventes[(ventes["produit"] == produit) & (ventes["statut"] != "remboursée")]
    par_source = gardees.groupby(gardees["source"].astype(str))["valeur_commande"].sum()
    # Every source of the funnel, and any other source that sold.
    sources = set(entonnoir_df["source"].astype(str)) | set(par_source[par_source > 0].index)
    return par_source.reindex(pd.Index(sorted(sources)), fill_value=0.0).astype("float64")


def tableau_de_bord_lancement(entonnoir_df, export=None, *, produit="Cap Sérénité"):
    """Tableau de bord d'un lancement en trois graphiques ; renvoie une figure matplotlib.

    ``entonnoir_df`` a les colonnes de ``lancement_entonnoir.csv`` (une ligne par jour et par
    source) : ``source``, ``visites``, ``inscriptions_webinaire``, ``participants_webinaire``,
    ``ventes``, ``chiffre_affaires``, ``depenses_pub``.
    ``export`` (conseillé) : l'export nettoyé (``charger_export_ventes``). Avec lui, le chiffre
    d'affaires est celui du cours : les **ventes conclues nettes** de ``produit`` (toutes
    échéances, sans les commandes remboursées, TTC). Sans lui, le tableau de bord montre ce que
    compte la colonne ``chiffre_affaires`` du fichier : l'**encaissé le jour des commandes**
    (1re mensualité, avant remboursements), et le dit dans ses titres.
    1. l'entonnoir (effectifs et taux d'étape) ; 2. le chiffre d'affaires par source ;
    3. le ROAS des seuls canaux qui ont des dépenses publicitaires, chacun sur **son** chiffre
    d'affaires (jamais celui de tout le lancement).
    Sans données (tableau vide), chaque graphique affiche « pas de données ».
    Pour l'afficher dans un notebook, laisse la figure en dernière ligne de la cellule ; pour la
    garder, ``figure.savefig(chemin)``.
    """
    import pandas as pd
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from obm import texte_alternatif

    francais = FuncFormatter(lambda v, _position: _fr(v))
    base = ("ventes conclues nettes, TTC" if export is not None
            else "encaissé le jour des commandes, TTC")
    fig = Figure(figsize=(15, 4.8), layout="constrained")
    ax_entonnoir, ax_ca, ax_roas = fig.subplots(1, 3)
    titres = ("Entonnoir du lancement", f"Chiffre d'affaires par source\n({base})",
              f"ROAS par canal payant\n(sur les {base.split(',')[0]})")
    fig.suptitle("Tableau de bord du lancement")
    if entonnoir_df is None or (isinstance(entonnoir_df, pd.DataFrame) and len(entonnoir_df) == 0):
        for ax, titre in zip((ax_entonnoir, ax_ca, ax_roas), titres):
            _pas_de_donnees(ax, titre)
        return texte_alternatif(fig, "Tableau de bord du lancement : pas de données.")
    colonnes = ETAPES_LANCEMENT + ["source", "chiffre_affaires", "depenses_pub"]
    df = _verifier_tableau(entonnoir_df, colonnes, "le tableau de bord")
    ca = _colonne_comptes(df, "chiffre_affaires")
    depenses = _colonne_comptes(df, "depenses_pub")
    alternatif = ["Tableau de bord du lancement."]

    # 1. Funnel, widest step on top.
    if _colonne_comptes(df, ETAPES_LANCEMENT[0]).sum() == 0:
        _pas_de_donnees(ax_entonnoir, titres[0], "aucune visite")
    else:
        e = entonnoir(df)
        libelles = [_LIBELLES_ETAPES.get(n, n) for n in e.index]
        ax_entonnoir.barh(libelles[::-1], e["effectif"].to_numpy()[::-1], color="#3a7ca5")
        derniere = len(e) - 1
        for y, (n, t) in enumerate(
            zip(e["effectif"].to_numpy()[::-1], e["taux_etape"].to_numpy()[::-1])
        ):
            # The first step has no rate of its own (100 % by convention): its count only.
            texte = f" {_fr(n)}" if y == derniere else f" {_fr(n)} ({_pct(round(t, 3))})"
            ax_entonnoir.text(n, y, texte, va="center", fontsize=9)
        ax_entonnoir.set_title(titres[0])
        ax_entonnoir.set_xlabel("effectif (taux de l'étape entre parenthèses)")
        ax_entonnoir.set_xlim(0, e["effectif"].max() * 1.5)
        ax_entonnoir.xaxis.set_major_formatter(francais)
        ax_entonnoir.xaxis.set_major_locator(MaxNLocator(4))
        alternatif.append("Entonnoir : " + ", puis ".join(
            f"{_fr(n)} {_LIBELLES_ETAPES.get(etape, etape).lower()}"
            for etape, n in zip(e.index, e["effectif"])) + ".")

    # 2. Revenue by source.
    par_source = _ca_par_source(df, ca, export, produit).sort_values(ascending=False)
    if par_source.sum() == 0:
        _pas_de_donnees(ax_ca, titres[1], "aucune vente")
    else:
        ax_ca.bar(par_source.index, par_source.to_numpy(), color="#81b29a")
        for x, v in enumerate(par_source.to_numpy()):
            ax_ca.text(x, v, _euros(round(v)), ha="center", va="bottom", fontsize=9)
        ax_ca.set_title(titres[1])
        ax_ca.set_ylabel("chiffre d'affaires (€)")
        ax_ca.set_ylim(0, par_source.max() * 1.15)
        ax_ca.yaxis.set_major_formatter(francais)
        ax_ca.tick_params(axis="x", labelrotation=20)
        alternatif.append(f"Chiffre d'affaires par source ({base}) : " + ", ".join(
            f"{source} {_euros(round(v))}" for source, v in par_source.items()) + ".")

    # 3. ROAS, only where money was spent on ads, each channel on its own revenue.
    sommes = (pd.DataFrame({"depenses": depenses, "ventes": _colonne_comptes(df, "ventes")})
              .groupby(df["source"].astype(str)).sum())
    sommes["ca"] = par_source.reindex(sommes.index, fill_value=0.0)
    payants = sommes[sommes["depenses"] > 0]
    if payants.empty:
        _pas_de_donnees(ax_roas, titres[2], "aucune dépense publicitaire")
    else:
        valeurs = [roas(r.ca, r.depenses) for r in payants.itertuples()]
        ax_roas.bar(payants.index, valeurs, color="#e07a5f", width=0.5)
        for x, (v, r) in enumerate(zip(valeurs, payants.itertuples())):
            ax_roas.text(x, v, _fr(v, 2), ha="center", va="bottom", fontsize=9)
            if r.ventes > 0:
                ax_roas.text(x, v / 2, f"{_euros(r.depenses / r.ventes)}\npar cliente venue\nde ce canal",
                             ha="center", va="center", fontsize=8, color="white")
        ax_roas.set_xlim(-0.75, len(valeurs) - 0.25)
        ax_roas.yaxis.set_major_formatter(FuncFormatter(lambda v, _position: _fr(v, 1)))
        ax_roas.axhline(
            1,
            color="black",
            linestyle="--",
            linewidth=1,
            label="ROAS = 1 : le CA couvre juste la pub",
        )
        ax_roas.set_title(titres[2])
        ax_roas.set_ylabel("€ de chiffre d'affaires par € de pub")
        ax_roas.set_ylim(0, max(valeurs + [1]) * 1.25)
        ax_roas.legend(loc="upper right", fontsize=8)
        alternatif.append("ROAS : " + ", ".join(
            f"{source} {_fr(v, 2)}" for source, v in zip(payants.index, valeurs)) + ". Coût "
            "publicitaire par cliente venue du canal : " + ", ".join(
            f"{r.Index} {_euros(r.depenses / r.ventes)}" for r in payants.itertuples()
            if r.ventes > 0) + ".")
    return texte_alternatif(fig, " ".join(alternatif))


# ---------------------------------------------------------------- readable tables

_COLONNES_EUROS = {"montant", "valeur_commande", "chiffre_affaires", "depenses_pub", "ca", "depenses"}
_DATE_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MOIS_ISO = re.compile(r"^\d{4}-\d{2}$")


def _est_euros(nom):
    nom = str(nom)
    return nom in _COLONNES_EUROS or nom.endswith(("_ttc", "_ht", "_euros"))


def _est_taux(nom):
    nom = str(nom)
    return nom.startswith(("taux", "part_")) or nom in ("valeur", "bas", "haut")


def _case(valeur, colonne):
    """One cell, written the French way."""
    import datetime as dt

    import pandas as pd

    from obm import fr

    if valeur is None or (isinstance(valeur, float) and math.isnan(valeur)) or valeur is pd.NaT:
        return "—"
    if isinstance(valeur, bool) or type(valeur).__name__ in ("bool", "bool_"):
        return fr.oui_non(valeur)
    if isinstance(valeur, (pd.Timestamp, dt.datetime)):
        if valeur.hour or valeur.minute:
            return valeur.strftime("%d/%m/%Y %H:%M")
        return valeur.strftime("%d/%m/%Y")
    if isinstance(valeur, dt.date):
        return valeur.strftime("%d/%m/%Y")
    if isinstance(valeur, str):
        if _DATE_ISO.match(valeur):
            return f"{valeur[8:10]}/{valeur[5:7]}/{valeur[:4]}"
        if _MOIS_ISO.match(valeur):
            return f"{valeur[5:7]}/{valeur[:4]}"
        return valeur
    try:
        nombre_ = float(valeur)
    except (TypeError, ValueError):
        return str(valeur)
    if _est_euros(colonne):
        return fr.euros(nombre_)
    if _est_taux(colonne) and abs(nombre_) <= 1:
        return fr.nombre(100 * nombre_) + "\u00a0%"
    return fr.nombre(nombre_)


@dataclass(frozen=True)
class Apercu:
    """Un tableau prêt à lire : nombres, montants, taux et dates à la française, sans colonne coupée."""

    entetes: list
    lignes: list
    numeriques: list
    note: str = ""

    def __str__(self):
        largeurs = [max(len(str(c)) for c in colonne) for colonne in zip(self.entetes, *self.lignes)]
        sortie = ["  ".join(str(c).ljust(n) for c, n in zip(self.entetes, largeurs))]
        sortie += ["  ".join(str(c).ljust(n) for c, n in zip(ligne, largeurs)) for ligne in self.lignes]
        return "\n".join(sortie + ([self.note] if self.note else []))

    def _repr_html_(self):
        import html

        def entete(texte):
            # Headers may wrap after an underscore; cells never wrap.
            return html.escape(str(texte)).replace("_", "_\u200b")

        style_case = "padding:2px 10px;white-space:nowrap;border-bottom:1px solid #e0e0e0"
        tete = "".join(
            f'<th style="padding:2px 10px;text-align:{"right" if n else "left"};'
            f'vertical-align:bottom;border-bottom:2px solid #888;max-width:9em">{entete(t)}</th>'
            for t, n in zip(self.entetes, self.numeriques)
        )
        corps = "".join(
            "<tr>" + "".join(
                f'<td style="{style_case};text-align:{"right" if n else "left"}">'
                f"{html.escape(str(c))}</td>"
                for c, n in zip(ligne, self.numeriques)
            ) + "</tr>"
            for ligne in self.lignes
        )
        note = (f'<div style="font-size:90%;color:#444;margin-top:2px">{html.escape(self.note)}</div>'
                if self.note else "")
        return (f'<div class="obm-apercu" style="overflow-x:auto;max-width:100%">'
                f'<table style="border-collapse:collapse;font-size:13px;line-height:1.4">'
                f"<thead><tr>{tete}</tr></thead><tbody>{corps}</tbody></table>{note}</div>")


def apercu(tableau, lignes=10, *, colonnes=None):
    """Affiche un tableau (DataFrame ou Series) pour qu'on le lise : les premières ``lignes``
    lignes, les ``colonnes`` choisies (par défaut toutes), les nombres, montants, taux et dates
    écrits à la française, aucune colonne coupée.

    Exemple : ``apercu(lancement, 5, colonnes=["date", "source", "visites", "ventes"])``.
    Les taux (colonnes dont le nom commence par « taux ») s'affichent en pourcentage, les
    montants (``montant``, ``chiffre_affaires``, ``depenses_pub``…) en euros. Le tableau
    lui-même n'est pas modifié.
    """
    import pandas as pd

    if isinstance(tableau, pd.Series):
        tableau = tableau.to_frame(name=tableau.name if tableau.name is not None else "valeur")
    if not isinstance(tableau, pd.DataFrame):
        raise TypeInvalide(
            f"apercu attend un tableau pandas (DataFrame ou Series), pas un objet {type(tableau).__name__}."
        )
    n = int(_compte(lignes, "lignes"))
    if colonnes is not None:
        _verifier_tableau(tableau, list(colonnes), "l'aperçu")
        tableau = tableau[list(colonnes)]
    montre = tableau.head(n)
    avec_index = not isinstance(tableau.index, pd.RangeIndex) or tableau.index.name is not None
    entetes = ([tableau.index.name or ""] if avec_index else []) + [str(c) for c in tableau.columns]
    numeriques = ([False] if avec_index else []) + [
        pd.api.types.is_numeric_dtype(tableau[c]) and not pd.api.types.is_bool_dtype(tableau[c])
        for c in tableau.columns
    ]
    rangees = []
    for index, ligne in zip(montre.index, montre.itertuples(index=False, name=None)):
        cases = [_case(v, c) for v, c in zip(ligne, tableau.columns)]
        rangees.append(([_case(index, tableau.index.name or "")] if avec_index else []) + cases)
    note = ""
    if len(tableau) > n:
        from obm import fr

        note = f"{fr.nombre(n)} premières lignes sur {fr.nombre(len(tableau))}."
    return Apercu(entetes=entetes, lignes=rangees, numeriques=numeriques, note=note)


# ---------------------------------------------------------------- the one-page report

TABLEAU_DE_BORD_PNG = "12_tableau_de_bord_lancement.png"


@dataclass(frozen=True)
class BilanEcrit:
    """Le bilan d'une page enregistré : son chemin (``chemin``) et son texte Markdown (``texte``)."""

    chemin: Path
    texte: str

    def __str__(self):
        return f"Bilan enregistré : {self.chemin}"

    def _repr_markdown_(self):
        # The dashboard image is linked relative to livrables/: shown in the file, not here.
        corps = self.texte.split("\n## Le tableau de bord")[0]
        return f"*Bilan enregistré dans `{self.chemin}`. Le voici :*\n\n---\n\n{corps}"


def _donne(valeur):
    return valeur is not None and valeur is not Ellipsis


def _chiffre(valeur, forme):
    if not _donne(valeur):
        return "à compléter"
    if isinstance(valeur, bool) or not isinstance(valeur, (int, float)) and not hasattr(valeur, "__float__"):
        return f"à revoir ({valeur!r})"
    try:
        return forme(float(valeur))
    except (TypeError, ValueError):
        return f"à revoir ({valeur!r})"


def ecrire_bilan_lancement(chemin, *, chiffre_affaires_ttc=None, roas_meta=None,
                           cout_par_cliente_meta=None, indicateurs=None, test_ab=None,
                           decision_ab=None, recommandation=None, taux_tva=0.20):
    """Écrit le bilan d'une page du lancement (Markdown) à garder et à envoyer à Clara.

    Chaque argument est **ta** réponse de l'exercice : le chiffre d'affaires (ventes conclues
    nettes, TTC), le ROAS et le coût par cliente de la publicité Meta, tes ``indicateurs``
    (le dictionnaire ``{repère: taux}`` comparé aux repères), le résultat de ``test_ab`` et ta
    décision, et ta recommandation écrite. Ce qui manque encore (``...``) est marqué « à
    compléter ». Si le tableau de bord de la leçon a été enregistré dans le même dossier
    (``12_tableau_de_bord_lancement.png``), le bilan l'affiche. Renvoie un objet ``BilanEcrit``
    (``.chemin``, ``.texte``) qui s'affiche dans le notebook.
    """
    from obm import fr
    from obm.donnees import clara

    chemin = Path(chemin)
    faits = clara()
    lancement = faits.lancement
    tva = _taux(taux_tva, "taux_tva")
    lignes = [
        f"# Bilan du {lancement.nom} · {faits.programme.nom}",
        "",
        f"Pour {faits.clara.prenom} {faits.clara.nom}. Panier ouvert du "
        f"{fr.date(lancement.ouverture_panier, 'long')} au "
        f"{fr.date(lancement.fermeture_panier, 'long')} ; objectif fixé avant le lancement : "
        f"{fr.nombre(lancement.objectif_ventes)} ventes.",
        "",
        "## Les chiffres",
        "",
        "| Indicateur | Valeur |",
        "|---|---|",
        f"| Chiffre d'affaires, TTC (ventes conclues nettes) | {_chiffre(chiffre_affaires_ttc, fr.euros)} |",
        f"| Chiffre d'affaires, HT (TVA à {fr.pourcentage(tva)}) | "
        f"{_chiffre(chiffre_affaires_ttc, lambda x: fr.euros(x / (1 + tva)))} |",
        f"| ROAS de la publicité Meta (sur ses ventes conclues nettes) | {_chiffre(roas_meta, lambda x: fr.nombre(x, 2))} |",
        f"| Coût publicitaire par cliente venue de Meta (TTC) | {_chiffre(cout_par_cliente_meta, fr.euros)} |",
        "",
        "Chiffre d'affaires : les ventes conclues pendant le panier, toutes mensualités comprises, "
        "sans les commandes remboursées. L'argent encaissé le jour des commandes est plus bas : "
        "la deuxième et la troisième mensualité des paiements en plusieurs fois arrivent plus tard.",
        "",
        "## Face aux repères",
        "",
    ]
    if isinstance(indicateurs, dict) and indicateurs:
        try:
            tableau = face_aux_reperes(indicateurs)
        except Exception as erreur:  # noqa: BLE001 - her own dictionary: say what is wrong
            lignes.append(f"À revoir : {erreur}")
        else:
            lignes += ["| Indicateur | Valeur | Repère | Position |", "|---|---|---|---|"]
            for ligne in tableau.itertuples():
                lignes.append(f"| {ligne.indicateur} | {_pct(round(ligne.valeur, 4))} | "
                              f"{_pct(ligne.bas)} à {_pct(ligne.haut)} | {ligne.position} |")
            lignes += ["", "Sources des repères :", ""]
            lignes += [f"- {ligne.indicateur} : {REPERES[ligne.Index].source}"
                       for ligne in tableau.itertuples() if ligne.Index in REPERES]
    else:
        lignes.append("À compléter.")
    lignes += ["", "## Le test A/B des titres de la page de vente", ""]
    lignes.append(test_ab.verdict if isinstance(test_ab, ResultatTestAB) else "À compléter.")
    lignes.append("")
    lignes.append(f"Décision : {decision_ab}." if isinstance(decision_ab, str) and decision_ab.strip()
                  else "Décision : à compléter.")
    lignes += ["", "## Ma recommandation", ""]
    if isinstance(recommandation, str) and recommandation.strip():
        lignes.append(recommandation.strip())
    else:
        lignes.append("À compléter.")
    if (chemin.parent / TABLEAU_DE_BORD_PNG).is_file():
        lignes += ["", "## Le tableau de bord", "",
                   f"![Tableau de bord du lancement : entonnoir, chiffre d'affaires par source et "
                   f"ROAS de la publicité]({TABLEAU_DE_BORD_PNG})"]
    texte = "\n".join(lignes) + "\n"
    chemin.write_text(texte, encoding="utf-8")
    return BilanEcrit(chemin=chemin, texte=texte)
