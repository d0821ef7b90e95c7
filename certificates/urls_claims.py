"""The learner's expense claims, and the department head's confirmations,
under /learn/claims/."""

from django.urls import path

from certificates.views import learner_claims

urlpatterns = [
    path("", learner_claims.claim_list, name="learner_claims"),
    path("<int:pk>/", learner_claims.claim_detail, name="learner_claim_detail"),
]
