"""JupyterHub pour une cohorte de l'Académie OBM : une classe, un compte de correction partagé.

À copier dans /etc/jupyterhub/jupyterhub_config.py (voir deploiement/LISEZMOI.md). Schéma
« One Class, Multiple Graders » de la documentation de nbgrader, écrit pour JupyterHub 4 et 5
(rôles et portées). Les identifiants des apprenantes sont leurs noms d'utilisateur Unix : ce sont
eux qu'``obm importer`` retrouve dans la liste de la cohorte (colonne identifiant).
"""

import os

c = get_config()  # noqa: F821 (fourni par JupyterHub)

COURS = "academie-obm"                 # = CourseDirectory.course_id = nom du service
COMPTE_CORRECTION = f"grader-{COURS}"  # le compte Unix qui porte le dossier du cours
FORMATRICES = ["formatrice1"]          # qui corrige
APPRENANTES = [                        # la cohorte (mêmes identifiants que apprenantes.csv)
    "amandine-roux",
    "berenice-faure",
]

# Comptes Unix du serveur (PAM) ; pour une cohorte sans comptes Unix, voir
# NativeAuthenticator ou un authentificateur OAuth/LTI de l'établissement.
c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = set(FORMATRICES + APPRENANTES + [COMPTE_CORRECTION])
c.Authenticator.admin_users = set(FORMATRICES)

# JupyterLab par défaut, en français (le pack de langue est installé par `pip install -e .`).
c.Spawner.default_url = "/lab"

# Chaque serveur tourne sous le compte Unix de son utilisatrice : l'environnement Python du hub
# (et la bibliothèque obm) doit être lisible par tous, jamais sous /root ni dans un dossier
# privé. Les notebooks des apprenantes lisent les données du cours dans le paquet des
# apprenantes (make bundle, sans corrigés), copié ici et lisible par tous.
PAQUET_APPRENANTES = "/opt/academie-obm-apprenante"
c.Spawner.environment = {"OBM_COURS": PAQUET_APPRENANTES}

# Les groupes que lit nbgrader (JupyterHubAuthPlugin) : formgrade-<cours> pour qui corrige,
# nbgrader-<cours> pour les apprenantes.
c.JupyterHub.load_groups = {
    f"formgrade-{COURS}": {"users": FORMATRICES + [COMPTE_CORRECTION]},
    f"nbgrader-{COURS}": {"users": APPRENANTES},
}

# Le formgrader partagé : un serveur Jupyter lancé comme service, sous le compte de correction,
# à la racine du dépôt du cours (le dossier de nbgrader_config.py).
c.JupyterHub.services = [
    {
        "name": COURS,
        "url": "http://127.0.0.1:9999",
        "command": ["jupyterhub-singleuser", "--debug"],
        "user": COMPTE_CORRECTION,
        "cwd": f"/home/{COMPTE_CORRECTION}/{COURS}",
        "environment": {
            # Carnet PostgreSQL pour une académie plus grande (sinon SQLite dans gradebook/).
            "OBM_GRADEBOOK_URL": os.environ.get("OBM_GRADEBOOK_URL", ""),
        },
        "oauth_no_confirm": True,
    }
]

# Rôles (JupyterHub ≥ 2) : les formatrices ouvrent le service ; le service lit les groupes
# pour que nbgrader sache qui suit quel cours.
c.JupyterHub.load_roles = [
    {
        "name": f"formgrader-{COURS}",
        "groups": [f"formgrade-{COURS}"],
        "scopes": [f"access:services!service={COURS}"],
    },
    {
        "name": f"service-{COURS}",
        "services": [COURS],
        # JupyterHubAuthPlugin lists the groups, creates nbgrader-<cours> and adds learners.
        "scopes": ["list:groups", "read:groups", "admin:groups", "groups", "read:users:groups"],
    },
    {
        # Chaque utilisatrice garde l'accès à son propre serveur et lit ses propres groupes.
        "name": "user",
        "scopes": ["self", "read:groups"],
    },
]
