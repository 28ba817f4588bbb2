"""The whole rules table, looked up by product type, block, API id and resource type."""

from __future__ import annotations

from flexcheck.terraform.rules.model import Category, Product, ResourceRule
from flexcheck.terraform.rules.products_cloud import CLOUD_PRODUCTS
from flexcheck.terraform.rules.products_hw import HW_PRODUCTS
from flexcheck.terraform.rules.products_vm import VM_PRODUCTS
from flexcheck.terraform.rules.resources import RESOURCES

# Every release of the provider, oldest first (its git tags).
PROVIDER_VERSIONS: tuple[str, ...] = (
    "1.0.0",
    "2.0.0",
    "2.1.0",
    "2.2.0",
    "2.2.1",
    "2.3.0",
    "2.3.1",
    "2.3.2",
    "2.3.3",
    "2.3.4",
    "2.4.0",
    "2.4.1",
    "2.4.2",
    "2.4.3",
)

PRODUCTS: tuple[Product, ...] = (*VM_PRODUCTS, *HW_PRODUCTS, *CLOUD_PRODUCTS)
BY_TYPE: dict[str, Product] = {p.product_type: p for p in PRODUCTS}
BY_BLOCK: dict[str, Product] = {p.block: p for p in PRODUCTS}
BY_TYPE_ID: dict[int, Product] = {p.type_id: p for p in PRODUCTS}
RESOURCE_RULES: dict[tuple[str, str], ResourceRule] = {(r.kind, r.type): r for r in RESOURCES}


def resource_rule(kind: str, type_name: str) -> ResourceRule | None:
    return RESOURCE_RULES.get((kind, type_name))


def product_by_case(product_type: str) -> Product | None:
    """The product type written with other capitals (`FGT_VM_BUNDLE`): a likely typo."""
    folded = product_type.casefold()
    return next((p for p in PRODUCTS if p.product_type.casefold() == folded), None)


def category_of(product_type: str) -> Category | None:
    product = BY_TYPE.get(product_type)
    return product.category if product else None
