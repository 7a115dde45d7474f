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
    "Comparaison",
    "ExportVentes",
    "RatioLtvCac",
    "Repere",
    "ResultatTestAB",
    "cac",
    "charger_export_ventes",
    "comparer_aux_reperes",
    "entonnoir",
    "etape_la_plus_faible",
    "ltv",
    "ratio_ltv_cac",
    "retention_cohortes",
    "roas",
    "tableau_de_bord_lancement",
    "taux_churn",
    "taux_conversion",
    "taux_email",
    "taux_remboursement",
    "test_ab",
]

# ---------------------------------------------------------------- French display


def _fr(x, decimales=0):
    """12345.5 -> '12 345,50' (French separators, plain spaces so every font can draw them)."""
    return f"{x:,.{decimales}f}".replace(",", " ").replace(".", ",")


def _pct(x):
    """0.2271 -> '22,71 %', 0.35 -> '35 %'."""
    texte = f"{100 * x:.2f}".rstrip("0").rstrip(".")
    return texte.replace(".", ",") + " %"


def _euros(x):
    return _fr(x, 0 if float(x).is_integer() else 2) + " €"


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
    Exemple : 36 ventes pour 1 200 visites → ``taux_conversion(36, 1200)`` = 0.03 (3 %).
    """
    return _part(conversions, visiteurs, "conversions", "visiteurs")


def taux_remboursement(remboursements, achats):
    """Taux de remboursement = remboursements ÷ achats (une fraction entre 0 et 1).

    Exemple : 4 remboursements sur 100 achats → ``taux_remboursement(4, 100)`` = 0.04 (4 %).
    """
    return _part(remboursements, achats, "remboursements", "achats")


def taux_churn(resiliations, membres_debut_mois):
    """Churn mensuel = résiliations du mois ÷ membres présents au début du mois.

    Exemple : 12 résiliations pour 150 membres au 1er du mois → ``taux_churn(12, 150)`` = 0.08 (8 %).
    Compte les membres **au début** du mois, pas à la fin : les nouvelles du mois n'y sont pas.
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
    """Valeur vie client (LTV) = revenu mensuel par client × taux de marge brute ÷ churn mensuel.

    Les deux taux s'écrivent en fraction. Exemple : 37 € par mois, 90 % de marge, 8 % de churn →
    ``ltv(37, 0.9, 0.08)`` = 416.25 € de marge sur la durée de vie d'une membre.
    """
    revenu = _montant(revenu_mensuel_par_client, "revenu_mensuel_par_client")
    marge = _taux(taux_marge_brute, "taux_marge_brute")
    churn = _taux(taux_churn_mensuel, "taux_churn_mensuel", zero_permis=False)
    return revenu * marge / churn


class RatioLtvCac(float):
    """Un ratio LTV:CAC : un nombre décimal, avec sa lecture en français dans ``.lecture``."""

    @property
    def lecture(self):
        """Lecture du ratio d'après le repère usuel (≈ 3:1 sain, < 1 non viable)."""
        valeur = _fr(float(self), 1)
        if self < 1:
            return (
                f"LTV:CAC = {valeur} : non viable, chaque cliente coûte plus à acquérir "
                "qu'elle ne rapporte de marge."
            )
        if self < 3:
            return f"LTV:CAC = {valeur} : rentable mais fragile, en dessous du repère sain d'environ 3:1."
        return f"LTV:CAC = {valeur} : sain, au moins le repère d'environ 3:1."

    def _repr_markdown_(self):
        return self.lecture


def ratio_ltv_cac(ltv, cac):
    """Ratio LTV:CAC = valeur vie client ÷ coût d'acquisition client.

    Renvoie un nombre décimal qui porte aussi sa lecture : ``ratio_ltv_cac(420, 140).lecture``.
    Repère : ≈ 3 est sain, moins de 1 n'est pas viable (chaque cliente coûte plus qu'elle ne rapporte).
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
    """Résultat d'un test A/B : taux de chaque version, écart, statistique z, p-value et verdict."""

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
                f"A convertit à {a}, B à {b}. La version {gagnante} fait mieux : tu peux la retenir."
            )
        return (
            f"Différence non significative au seuil de {_pct(self.seuil)} ({p}) : "
            f"A convertit à {a}, B à {b}, mais cet écart peut venir du hasard. "
            "Ne conclus pas encore : prolonge le test pour avoir plus de visiteurs."
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
    Quand personne (ou tout le monde) n'a converti dans les deux versions, il n'y a rien
    à départager : la p-value vaut 1.
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
        "Churn mensuel d'un abonnement de formation",
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
    Exemple : ``comparer_aux_reperes(0.38, "taux_presence_webinaire").position`` → 'dans la fourchette'.
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
    """Nom de l'étape au plus petit taux d'étape (le maillon faible de l'entonnoir).

    ``entonnoir_df`` est le résultat de ``entonnoir(...)``. La première étape (taux 1.0 par
    convention) n'est pas candidate ; en cas d'égalité, la première étape concernée l'emporte.
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
    """

    ventes: object
    remboursements: object
    rapport: list = field(default_factory=list)
    comptes: dict = field(default_factory=dict)

    def __str__(self):
        return "\n".join(self.rapport)

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


def tableau_de_bord_lancement(entonnoir_df):
    """Tableau de bord d'un lancement en trois graphiques ; renvoie une figure matplotlib.

    ``entonnoir_df`` a les colonnes de ``lancement_entonnoir.csv`` (une ligne par jour et par
    source) : ``source``, ``visites``, ``inscriptions_webinaire``, ``participants_webinaire``,
    ``ventes``, ``chiffre_affaires``, ``depenses_pub``.
    1. l'entonnoir (effectifs et taux d'étape) ; 2. le chiffre d'affaires par source ;
    3. le ROAS des seuls canaux qui ont des dépenses publicitaires.
    Sans données (tableau vide), chaque graphique affiche « pas de données ».
    Pour l'afficher dans un notebook, laisse la figure en dernière ligne de la cellule.
    """
    import pandas as pd
    from matplotlib.figure import Figure

    fig = Figure(figsize=(15, 4.8), layout="constrained")
    ax_entonnoir, ax_ca, ax_roas = fig.subplots(1, 3)
    titres = ("Entonnoir du lancement", "Chiffre d'affaires par source", "ROAS par canal payant")
    fig.suptitle("Tableau de bord du lancement")
    if entonnoir_df is None or (isinstance(entonnoir_df, pd.DataFrame) and len(entonnoir_df) == 0):
        for ax, titre in zip((ax_entonnoir, ax_ca, ax_roas), titres):
            _pas_de_donnees(ax, titre)
        return fig
    colonnes = ETAPES_LANCEMENT + ["source", "chiffre_affaires", "depenses_pub"]
    df = _verifier_tableau(entonnoir_df, colonnes, "le tableau de bord")
    ca = _colonne_comptes(df, "chiffre_affaires")
    depenses = _colonne_comptes(df, "depenses_pub")

    # 1. Funnel, widest step on top.
    if _colonne_comptes(df, ETAPES_LANCEMENT[0]).sum() == 0:
        _pas_de_donnees(ax_entonnoir, titres[0], "aucune visite")
    else:
        e = entonnoir(df)
        libelles = [_LIBELLES_ETAPES.get(n, n) for n in e.index]
        ax_entonnoir.barh(libelles[::-1], e["effectif"].to_numpy()[::-1], color="#3a7ca5")
        for y, (n, t) in enumerate(
            zip(e["effectif"].to_numpy()[::-1], e["taux_etape"].to_numpy()[::-1])
        ):
            ax_entonnoir.text(n, y, f" {_fr(n)} ({_pct(t)})", va="center", fontsize=9)
        ax_entonnoir.set_title(titres[0])
        ax_entonnoir.set_xlabel("effectif (taux de l'étape entre parenthèses)")
        ax_entonnoir.set_xlim(0, e["effectif"].max() * 1.45)

    # 2. Revenue by source.
    par_source = ca.groupby(df["source"].astype(str)).sum().sort_values(ascending=False)
    if par_source.sum() == 0:
        _pas_de_donnees(ax_ca, titres[1], "aucune vente")
    else:
        ax_ca.bar(par_source.index, par_source.to_numpy(), color="#81b29a")
        for x, v in enumerate(par_source.to_numpy()):
            ax_ca.text(x, v, _euros(round(v)), ha="center", va="bottom", fontsize=9)
        ax_ca.set_title(titres[1])
        ax_ca.set_ylabel("chiffre d'affaires (€)")
        ax_ca.tick_params(axis="x", labelrotation=20)

    # 3. ROAS, only where money was spent on ads.
    sommes = pd.DataFrame({"ca": ca, "depenses": depenses}).groupby(df["source"].astype(str)).sum()
    payants = sommes[sommes["depenses"] > 0]
    if payants.empty:
        _pas_de_donnees(ax_roas, titres[2], "aucune dépense publicitaire")
    else:
        valeurs = [roas(r.ca, r.depenses) for r in payants.itertuples()]
        ax_roas.bar(payants.index, valeurs, color="#e07a5f", width=0.5)
        for x, v in enumerate(valeurs):
            ax_roas.text(x, v, _fr(v, 2), ha="center", va="bottom", fontsize=9)
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
    return fig
