from django.urls import path

from payments import views

urlpatterns = [
    path("payments/", views.my_payments, name="payments_mine"),
    path("payments/choice/", views.payment_choice, name="payments_choice"),
    path("payments/claims/new/", views.claim_new, name="payments_claim_new"),
    path("payments/claims/<uuid:claim_id>/", views.claim_detail, name="payments_claim"),
    path("payments/claims/<uuid:claim_id>/receipt/", views.claim_receipt, name="payments_receipt"),
    path("payments/waiting/", views.waiting, name="payments_waiting"),
    path("payments/rates/", views.rates, name="payments_rates"),
    path("payments/owed/new/", views.fee_add, name="payments_fee_add"),
    path("payments/finance/", views.finance_export, name="payments_finance"),
]
