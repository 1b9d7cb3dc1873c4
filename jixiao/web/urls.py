from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from jixiao.web.evaluations import public

admin.site.site_header = admin.site.site_title = "jixiao 系统管理"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="evaluations:todo", permanent=False)),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("evaluations/", include("jixiao.web.evaluations.urls")),
    path("public/", public.public_list, name="public_list"),
    path("public/data.json", public.public_index_json, name="public_index_json"),
    path("public/data.csv", public.public_csv, name="public_csv"),
    path("public/<int:pk>/", public.public_detail, name="public_detail"),
    path("public/<int:pk>.json", public.public_json, name="public_json"),
    path("admin/", admin.site.urls),
]
