from django.apps import AppConfig, apps


class EvaluationsConfig(AppConfig):
    name = "jixiao.web.evaluations"
    label = "evaluations"
    verbose_name = "绩效自评"

    def ready(self) -> None:
        """The admin in Chinese throughout: the names third-party apps give without a translation
        (their field and model names come from jixiao/web/locale)."""
        names = {"axes": "登录安全", "django_htmx": "HTMX", "djhuey": "后台任务"}
        for label, name in names.items():
            if apps.is_installed(label) or label in apps.app_configs:
                apps.get_app_config(label).verbose_name = name
        from axes.admin import AccessAttemptAdmin

        AccessAttemptAdmin.status.short_description = "状态"  # type: ignore[attr-defined]
