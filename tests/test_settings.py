"""Settings come from the environment, and refuse to run unsafely."""

import json

import pytest
from django.db import connection


@pytest.fixture
def settings_of(manage):
    """The named settings as `config.settings.prod` (or another module) computes them from
    `env`, read in a process of its own."""

    def read(env: dict[str, str], *names: str) -> dict:
        script = (
            "import json; from django.conf import settings; "
            f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}, default=str))"
        )
        result = manage("shell", "--no-imports", "-c", script, env=env)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    return read


def test_the_demo_without_debug_or_a_secret_key_refuses_to_start(manage, clean_env):
    environment = clean_env | {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "DEBUG": "0"}

    result = manage("check", env=environment)

    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "CACHE_URL",
        "EMAIL_URL",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    ],
)
@pytest.mark.parametrize("value", [None, ""], ids=["unset", "empty"])
def test_production_refuses_to_start_without_a_required_setting(
    manage, production_env, name, value
):
    environment = production_env | {"DEBUG": "1"}
    if value is None:
        del environment[name]
    else:
        environment[name] = value

    result = manage("check", env=environment)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"Set {name}" in result.stderr


def test_production_refuses_a_database_other_than_postgresql(manage, production_env):
    result = manage("check", env=production_env | {"DATABASE_URL": "sqlite:////tmp/annals.db"})

    assert result.returncode != 0
    assert "DATABASE_URL must name a PostgreSQL database" in result.stderr


def test_production_keeps_debug_off_whatever_the_environment_says(settings_of, production_env):
    assert settings_of(production_env | {"DEBUG": "1"}, "DEBUG") == {"DEBUG": False}


def test_production_keeps_database_connections_open_and_checks_them_before_reuse(
    settings_of, production_env
):
    default = settings_of(production_env, "DATABASES")["DATABASES"]["default"]
    chosen = settings_of(production_env | {"CONN_MAX_AGE": "5"}, "DATABASES")

    assert (default["CONN_MAX_AGE"], default["CONN_HEALTH_CHECKS"]) == (60, True)
    assert chosen["DATABASES"]["default"]["CONN_MAX_AGE"] == 5


def test_production_caches_in_the_shared_redis_cache_url_names(settings_of, production_env):
    caches = settings_of(production_env, "CACHES")["CACHES"]

    assert caches["default"]["BACKEND"] == "config.cache.DegradingRedisCache"
    assert caches["default"]["LOCATION"] == production_env["CACHE_URL"]


def test_production_refuses_a_cache_other_than_redis(manage, production_env):
    result = manage("check", env=production_env | {"CACHE_URL": "locmemcache://annals"})

    assert result.returncode != 0
    assert "CACHE_URL must name a Redis server" in result.stderr


@pytest.mark.parametrize(
    ("subdomains", "preload", "silenced"),
    [("1", "1", []), ("0", "0", ["security.W005", "security.W021"]), ("1", "0", ["security.W021"])],
)
def test_hsts_for_subdomains_and_preloading_are_as_the_operator_decided(
    settings_of, production_env, subdomains, preload, silenced
):
    environment = production_env | {
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": subdomains,
        "SECURE_HSTS_PRELOAD": preload,
    }

    chosen = settings_of(
        environment,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SILENCED_SYSTEM_CHECKS",
    )

    assert chosen == {
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": subdomains == "1",
        "SECURE_HSTS_PRELOAD": preload == "1",
        "SILENCED_SYSTEM_CHECKS": silenced,
    }


@pytest.mark.parametrize(("subdomains", "preload"), [("1", "1"), ("0", "0")])
def test_production_settings_pass_the_deployment_checklist_at_warning_level(
    manage, production_env, collected_static, subdomains, preload
):
    environment = production_env | {
        "STATIC_ROOT": str(collected_static),
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": subdomains,
        "SECURE_HSTS_PRELOAD": preload,
    }

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=environment)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_plain_http_on_this_machine_is_flagged_by_the_deployment_checklist(
    manage, settings_of, production_env, collected_static
):
    environment = production_env | {
        "STATIC_ROOT": str(collected_static),
        "ANNALS_LOCAL_HTTP": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=environment)
    chosen = settings_of(
        environment, "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"
    )

    assert result.returncode != 0
    for warning in ("security.W008", "security.W012", "security.W016", "site.W001"):
        assert warning in result.stderr
    assert set(chosen.values()) == {False}


def test_plain_http_is_refused_for_any_host_but_this_machine(manage, production_env):
    environment = production_env | {
        "ANNALS_LOCAL_HTTP": "1",
        "ALLOWED_HOSTS": "127.0.0.1,annals.example",
    }

    result = manage("check", env=environment)

    assert result.returncode != 0
    assert "ANNALS_LOCAL_HTTP=1 serves plain http and is for this machine only" in result.stderr


def test_the_demo_runs_with_debug_and_a_demo_key_by_default(settings_of, clean_env):
    environment = clean_env | {"DJANGO_SETTINGS_MODULE": "config.settings.dev"}

    chosen = settings_of(environment, "DEBUG", "SECRET_KEY")

    assert chosen["DEBUG"] is True
    assert chosen["SECRET_KEY"]


@pytest.mark.django_db
def test_postgresql_connections_never_compile_queries_with_jit(on_postgres):
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def test_a_negative_count_of_trusted_proxies_refuses_to_start(manage, production_env):
    result = manage("check", env=production_env | {"TRUSTED_PROXY_COUNT": "-1"})

    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT counts proxies: 0 or more." in result.stderr
