from django.urls import path

from jixiao.web.evaluations import annotate, drafts, exports, history, review_record, todo, uploads, views

app_name = "evaluations"
urlpatterns = [
    path("", views.record_list, name="list"),
    path("todo/", todo.todo, name="todo"),
    path("exports/<int:pk>/", exports.export_status, name="export"),
    path("exports/<int:pk>/file/", exports.export_file, name="export_file"),
    path("batch/<int:pk>/findings.xlsx", views.batch_findings, name="batch_findings"),
    path("batch/<int:pk>/table/<int:file_pk>/<int:n>/", views.batch_table, name="batch_table"),
    path("new/", views.record_new, name="new"),
    path("row/", views.row_template, name="row"),
    path("upload/", uploads.upload, name="upload"),
    path("upload/<int:pk>/", uploads.upload_batch, name="upload_batch"),
    path("upload/<int:pk>/confirm/", uploads.upload_confirm, name="upload_confirm"),
    path("download/<str:target>/", views.list_download, name="list_download"),
    path("batch/", views.batch_new, name="batch_new"),
    path("batch/<int:pk>/", views.batch_detail, name="batch"),
    path("<int:pk>/", views.record_detail, name="detail"),
    path("<int:pk>/edit/", views.record_edit, name="edit"),
    path("<int:pk>/score/", views.record_score, name="score"),
    path("<int:pk>/copy/", views.record_copy, name="copy"),
    path("<int:pk>/do/<str:action>/", views.record_advance, name="advance"),
    path("<int:pk>/download/<str:target>/", views.record_download, name="download"),
    path("<int:pk>/annotate/", annotate.record_annotate, name="annotate"),
    path("<int:pk>/review.xlsx", review_record.record_review_download, name="review_download"),
    path("<int:pk>/delete/", drafts.record_delete, name="delete"),
    path("<int:pk>/history/", history.history_page, name="history"),
    path("<int:pk>/version/<int:version>/", history.version_page, name="version"),
]
