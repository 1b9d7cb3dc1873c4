from django.urls import path

from jixiao.web.evaluations import views

app_name = "evaluations"
urlpatterns = [
    path("", views.record_list, name="list"),
    path("new/", views.record_new, name="new"),
    path("row/", views.row_template, name="row"),
    path("upload/", views.upload, name="upload"),
    path("upload/confirm/", views.upload_confirm, name="upload_confirm"),
    path("download/<str:target>/", views.list_download, name="list_download"),
    path("batch/", views.batch_new, name="batch_new"),
    path("batch/<int:pk>/", views.batch_detail, name="batch"),
    path("<int:pk>/", views.record_detail, name="detail"),
    path("<int:pk>/edit/", views.record_edit, name="edit"),
    path("<int:pk>/score/", views.record_score, name="score"),
    path("<int:pk>/copy/", views.record_copy, name="copy"),
    path("<int:pk>/do/<str:action>/", views.record_advance, name="advance"),
    path("<int:pk>/download/<str:target>/", views.record_download, name="download"),
]
