"""Marketing digital (module 13) : indicateurs des e-mails, taux d'engagement, bases du SEO d'une page.

Chaque taux dit son dénominateur, parce que les outils ne comptent pas tous de la même façon :

- délivrés = envoyés − rebonds ; taux de rebond = rebonds ÷ **envoyés** ;
- taux d'ouverture = ouvreuses uniques ÷ **délivrés** ; taux de clic = cliqueuses uniques ÷ **délivrés** ;
- taux de clic par ouverture (CTOR) = cliqueuses uniques ÷ **ouvreuses uniques** ;
- taux de désinscription = désinscriptions ÷ **délivrés** ;
- taux d'engagement = interactions ÷ abonnés, ÷ portée ou ÷ impressions : trois nombres différents,
  qu'on ne compare qu'à dénominateur égal.

Pour tout un tableau d'e-mails (``data/campagnes_email.csv``), ``obm.kpi.taux_email`` calcule les
mêmes taux, une ligne par e-mail. L'audit d'une page HTML lit son ``title``, ses meta descriptions,
ses titres ``h1`` à ``h6`` et le texte alternatif (``alt``) de ses images, avec ``html.parser``
de la bibliothèque standard de Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from obm import _validation
from obm.erreurs import DonneesInvalides, IdentifiantInconnu, TypeInvalide

__all__ = [
    "CHECKLIST_CAMPAGNE",
    "ElementsSEO",
    "IndicateursEmail",
    "ecrire_checklist_campagne",
    "elements_seo",
    "indicateurs_email",
    "lire_page",
    "taux_engagement",
]

CHECKLIST_CAMPAGNE = "13_checklist_campagne.md"


def _compte(valeur, nom):
    return _validation.compte(valeur, nom)


def _part(numerateur, denominateur, nom_num, nom_den):
    if denominateur == 0:
        raise DonneesInvalides(
            f"`{nom_den}` vaut 0 : impossible de calculer un taux sur zéro. Vérifie le rapport de l'outil."
        )
    if numerateur > denominateur:
        raise DonneesInvalides(
            f"`{nom_num}` dépasse `{nom_den}` : un taux ne peut pas dépasser 100 %. "
            "As-tu pris un total (toutes les ouvertures, tous les clics) à la place des personnes uniques, "
            "ou inversé deux arguments ?"
        )
    return numerateur / denominateur


@dataclass(frozen=True)
class IndicateursEmail:
    """Les indicateurs d'un e-mail, chacun avec son dénominateur (des fractions : 0.25 pour 25 %)."""

    envoyes: float
    rebonds: float
    delivres: float
    ouvreurs: float
    cliqueurs: float
    desinscriptions: float
    taux_rebond: float          # rebonds ÷ envoyés
    taux_ouverture: float       # ouvreuses uniques ÷ délivrés
    taux_clic: float            # cliqueuses uniques ÷ délivrés
    taux_clic_ouverture: float  # cliqueuses uniques ÷ ouvreuses uniques (CTOR)
    taux_desinscription: float  # désinscriptions ÷ délivrés

    def _repr_markdown_(self):
        from obm import fr

        lignes = [
            ("Délivrés", "envoyés − rebonds", fr.nombre(self.delivres)),
            ("Taux de rebond", "rebonds ÷ envoyés", fr.pourcentage(self.taux_rebond, 2)),
            ("Taux d'ouverture", "ouvreuses uniques ÷ délivrés", fr.pourcentage(self.taux_ouverture, 1)),
            ("Taux de clic", "cliqueuses uniques ÷ délivrés", fr.pourcentage(self.taux_clic, 2)),
            ("Taux de clic par ouverture", "cliqueuses uniques ÷ ouvreuses uniques",
             fr.pourcentage(self.taux_clic_ouverture, 1)),
            ("Taux de désinscription", "désinscriptions ÷ délivrés",
             fr.pourcentage(self.taux_desinscription, 2)),
        ]
        corps = "\n".join(f"| {a} | {b} | {c} |" for a, b, c in lignes)
        return "| indicateur | calcul | valeur |\n|---|---|---|\n" + corps


def indicateurs_email(envoyes, rebonds, ouvreurs, cliqueurs, desinscriptions):
    """Les indicateurs d'un e-mail, à partir des comptes de ton outil d'e-mailing.

    ``envoyes`` : e-mails envoyés ; ``rebonds`` : e-mails revenus (rebonds durs + temporaires) ;
    ``ouvreurs`` : personnes **uniques** qui ont ouvert ; ``cliqueurs`` : personnes **uniques** qui
    ont cliqué ; ``desinscriptions`` : personnes qui se sont désinscrites.
    Renvoie un objet avec ``delivres`` (envoyés − rebonds) et les taux, en fractions :
    ``taux_rebond`` (÷ envoyés), ``taux_ouverture``, ``taux_clic`` et ``taux_desinscription``
    (÷ délivrés), ``taux_clic_ouverture`` (cliqueuses ÷ ouvreuses).
    Exemple : ``indicateurs_email(1000, 10, 250, 30, 2).taux_clic`` = 30 ÷ 990.
    Attention aux totaux que l'outil affiche à côté (toutes les ouvertures, tous les clics) : une
    personne qui clique trois fois compte trois clics, mais une seule cliqueuse.
    """
    envoyes = _compte(envoyes, "envoyes")
    rebonds = _compte(rebonds, "rebonds")
    ouvreurs = _compte(ouvreurs, "ouvreurs")
    cliqueurs = _compte(cliqueurs, "cliqueurs")
    desinscriptions = _compte(desinscriptions, "desinscriptions")
    taux_rebond = _part(rebonds, envoyes, "rebonds", "envoyes")
    delivres = envoyes - rebonds
    taux_ouverture = _part(ouvreurs, delivres, "ouvreurs", "delivres (envoyés − rebonds)")
    taux_clic = _part(cliqueurs, delivres, "cliqueurs", "delivres (envoyés − rebonds)")
    if cliqueurs > ouvreurs:
        raise DonneesInvalides(
            "`cliqueurs` dépasse `ouvreurs` : ton outil compte une personne qui clique comme une "
            "ouvreuse. As-tu pris le total des clics à la place des cliqueuses uniques ?"
        )
    taux_clic_ouverture = _part(cliqueurs, ouvreurs, "cliqueurs", "ouvreurs")
    taux_desinscription = _part(desinscriptions, delivres, "desinscriptions",
                                "delivres (envoyés − rebonds)")
    return IndicateursEmail(envoyes, rebonds, delivres, ouvreurs, cliqueurs, desinscriptions,
                            taux_rebond, taux_ouverture, taux_clic, taux_clic_ouverture,
                            taux_desinscription)


_BASES = {"abonnes": "abonnés", "portee": "portée", "impressions": "impressions"}


def taux_engagement(interactions, *, abonnes=None, portee=None, impressions=None):
    """Taux d'engagement d'une publication = interactions ÷ un dénominateur, à nommer.

    Donne **un seul** dénominateur, par son nom : ``abonnes`` (les abonnés du compte),
    ``portee`` (les comptes qui ont vu la publication au moins une fois) ou ``impressions``
    (le nombre de fois où elle a été affichée). Exemple : ``taux_engagement(400, portee=3200)``
    = 0.125. Il n'existe pas de définition standard : deux taux ne se comparent qu'avec les mêmes
    interactions et le même dénominateur. Le résultat peut dépasser 1 (une personne peut aimer,
    commenter et partager).
    """
    n = _compte(interactions, "interactions")
    donnes = {nom: v for nom, v in (("abonnes", abonnes), ("portee", portee),
                                      ("impressions", impressions)) if v is not None}
    if len(donnes) != 1:
        raise TypeInvalide(
            "Donne un seul dénominateur, par son nom : `abonnes=…`, `portee=…` ou `impressions=…`, "
            "par ex. taux_engagement(400, portee=3200). Le taux change avec le dénominateur : "
            "c'est pour ça qu'il faut le nommer."
        )
    (nom, valeur), = donnes.items()
    d = _compte(valeur, nom)
    if d == 0:
        raise DonneesInvalides(f"`{nom}` vaut 0 : impossible de calculer un taux sur zéro {_BASES[nom]}.")
    return n / d


# ---------------------------------------------------------------- SEO d'une page


class _LecteurSEO(HTMLParser):
    """Collects the title, the meta descriptions, the headings and the images of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []
        self.descriptions: list[str] = []
        self.titres: list[tuple[int, str]] = []
        self.images: list[tuple[str, str | None]] = []
        self._dans_title = False
        self._titre_ouvert: int | None = None
        self._texte: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributs = dict(attrs)
        if tag == "title":
            self._dans_title, self._texte = True, []
        elif tag == "meta" and (attributs.get("name") or "").lower() == "description":
            self.descriptions.append((attributs.get("content") or "").strip())
        elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self._titre_ouvert, self._texte = int(tag[1]), []
        elif tag == "img":
            self.images.append((attributs.get("src") or "", attributs.get("alt")))

    def handle_endtag(self, tag):
        if tag == "title" and self._dans_title:
            self.titles.append(" ".join("".join(self._texte).split()))
            self._dans_title = False
        elif self._titre_ouvert is not None and tag == f"h{self._titre_ouvert}":
            self.titres.append((self._titre_ouvert, " ".join("".join(self._texte).split())))
            self._titre_ouvert = None

    def handle_data(self, data):
        if self._dans_title or self._titre_ouvert is not None:
            self._texte.append(data)


@dataclass(frozen=True)
class ElementsSEO:
    """Ce qu'un moteur de recherche lit d'abord dans une page : ``title``, meta descriptions,
    titres et textes alternatifs des images. Aucun jugement : c'est à toi d'auditer."""

    title: str | None
    titles: list
    meta_descriptions: list
    titres: object   # DataFrame : ordre, balise, niveau, niveau_precedent, texte
    images: object   # DataFrame : src, alt (None quand l'attribut manque), alt_present

    @property
    def longueur_title(self):
        """Le nombre de caractères du ``title`` (0 s'il n'y en a pas)."""
        return len(self.title or "")

    def _repr_markdown_(self):
        from obm import fr

        title = f"« {self.title} » ({fr.nombre(self.longueur_title)} caractères)" if self.title else "aucun"
        return (f"- **title** : {title}\n"
                f"- **meta descriptions** : {fr.nombre(len(self.meta_descriptions))}\n"
                f"- **titres** (h1 à h6) : {fr.nombre(len(self.titres))}\n"
                f"- **images** : {fr.nombre(len(self.images))}")


def elements_seo(html):
    """Lit une page HTML (un texte) et renvoie ses éléments de SEO « on-page ».

    - ``title`` : le texte de la balise ``<title>`` (``None`` s'il n'y en a pas ; ``titles`` les
      liste tous, s'il y en a plusieurs) et ``longueur_title``, son nombre de caractères ;
    - ``meta_descriptions`` : la liste des contenus des balises ``<meta name="description">``
      (il en faut une, et une seule) ;
    - ``titres`` : un tableau, un titre ``h1`` à ``h6`` par ligne dans l'ordre de la page, avec
      ``balise`` (``"h2"``), ``niveau`` (2), ``niveau_precedent`` (le niveau du titre d'avant, 0
      pour le premier) et ``texte`` ;
    - ``images`` : un tableau, une image par ligne, avec ``src`` (le fichier), ``alt`` (le texte
      alternatif, ``""`` s'il est vide, ``None`` si l'attribut manque) et ``alt_present``.

    La fonction ne juge rien : les conventions (longueur du title, un seul h1, alt vide pour une
    image décorative) sont dans la leçon 13.
    """
    import pandas as pd

    if not isinstance(html, str):
        raise TypeInvalide(
            "`html` doit être le texte de la page, par ex. lire_page(\"page_de_vente.html\"), "
            f"pas un objet {type(html).__name__}."
        )
    lecteur = _LecteurSEO()
    lecteur.feed(html)
    lecteur.close()
    niveaux = [n for n, _ in lecteur.titres]
    titres = pd.DataFrame({
        "ordre": list(range(1, len(niveaux) + 1)),
        "balise": [f"h{n}" for n in niveaux],
        "niveau": niveaux,
        "niveau_precedent": ([0] + niveaux[:-1]) if niveaux else [],
        "texte": [t for _, t in lecteur.titres],
    }, columns=["ordre", "balise", "niveau", "niveau_precedent", "texte"])
    images = pd.DataFrame({
        "src": [s for s, _ in lecteur.images],
        "alt": pd.Series([a for _, a in lecteur.images], dtype=object),
        "alt_present": [a is not None for _, a in lecteur.images],
    }, columns=["src", "alt", "alt_present"])
    return ElementsSEO(title=lecteur.titles[0] if lecteur.titles else None,
                       titles=list(lecteur.titles), meta_descriptions=list(lecteur.descriptions),
                       titres=titres, images=images)


def lire_page(nom="page_de_vente.html"):
    """Le texte d'une page HTML de ``data/`` (par défaut la page de vente de Cap Sérénité)."""
    from obm.donnees import chemin_donnees

    if not isinstance(nom, str) or not nom.endswith((".html", ".htm")):
        raise IdentifiantInconnu(
            f"« {nom} » n'est pas le nom d'une page HTML de data/ : par ex. \"page_de_vente.html\"."
        )
    return chemin_donnees(nom).read_text(encoding="utf-8")


# ---------------------------------------------------------------- le livrable


def ecrire_checklist_campagne(texte):
    """Enregistre ta liste de contrôle de campagne dans ``livrables/13_checklist_campagne.md`` et
    renvoie son chemin. ``texte`` : du Markdown, une ligne « - [ ] … » par point à vérifier."""
    from obm.livrables import chemin_livrable

    if texte is ... or texte is None:
        raise DonneesInvalides("Ta liste de contrôle n'est pas encore écrite : remplace les « ... ».")
    if not isinstance(texte, str) or len(texte.split()) < 10:
        raise TypeInvalide("Ta liste de contrôle doit être un texte d'au moins quelques lignes, "
                           "entre triples guillemets \"\"\"…\"\"\".")
    chemin = chemin_livrable(CHECKLIST_CAMPAGNE)
    corps = texte.strip()
    if not corps.startswith("#"):
        corps = "# Liste de contrôle de la campagne e-mail\n\n" + corps
    chemin.write_text(corps + "\n", encoding="utf-8")
    return chemin
