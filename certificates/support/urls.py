"""The learner's expense claims, and the department head's confirmations,
under /learn/claims/."""

from django.urls import path

from certificates.support import views

urlpatterns = [
    path("", views.claim_list, name="learner_claims"),
    path("new/", views.claim_new, name="learner_claim_new"),
    path("department/", views.head_claims, name="head_claims"),
    path(
        "department/<int:pk>/confirm/",
        views.head_claim_confirm,
        name="head_claim_confirm",
    ),
    path(
        "department/<int:pk>/return/",
        views.head_claim_return,
        name="head_claim_return",
    ),
    path("<int:pk>/", views.claim_detail, name="learner_claim_detail"),
    path("<int:pk>/save/", views.claim_save, name="learner_claim_save"),
    path("<int:pk>/items/", views.claim_item_create, name="learner_claim_item_add"),
    path(
        "<int:pk>/items/<int:item_pk>/remove/",
        views.claim_item_delete,
        name="learner_claim_item_remove",
    ),
    path(
        "<int:pk>/items/<int:item_pk>/receipt/",
        views.claim_receipt,
        name="learner_claim_receipt",
    ),
    path(
        "<int:pk>/withdraw/", views.claim_withdraw_view, name="learner_claim_withdraw"
    ),
]
