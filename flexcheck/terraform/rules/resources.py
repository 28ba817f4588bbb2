"""The provider's resource, data source and ephemeral types, with their arguments and releases."""

from __future__ import annotations

from flexcheck.terraform.rules.model import (
    CONFIG_DOC,
    DOCS,
    ENT_CLOUD_PAGE,
    ENT_HW_PAGE,
    ENT_TOKEN_PAGE,
    ENT_VM_PAGE,
    RETRIEVE_PAGE,
    Argument,
    Category,
    ResourceRule,
    Source,
)

A = Argument
ENTITLEMENT_STATUS = ("ACTIVE", "STOPPED")
CONFIG_STATUS = ("ACTIVE", "DISABLED")
# Computed only in the schema, although some pages list it as an argument.
READ_ONLY_ACCOUNT = A(
    "account_id", settable=False, note="FortiFlex fills it in; the schema takes no value"
)
END_DATE = A(
    "end_date",
    note="ISO 8601 (YYYY-MM-DDThh:mm:ss recommended); not before today, not after the "
    "program's end date; left out, the program's end date applies",
)


def _data(name: str, since: str, *arguments: Argument) -> ResourceRule:
    page = f"{DOCS}/d/{name}.html.markdown"
    return ResourceRule(name, "data", since, Source(page), arguments)


RESOURCES: tuple[ResourceRule, ...] = (
    ResourceRule(
        "fortiflexvm_config",
        "resource",
        "1.0.0",
        CONFIG_DOC,
        (
            A("product_type", required=True, note="one of the product types; exact case"),
            A("program_serial_number", required=True),
            A("name"),
            A("status", allowed=CONFIG_STATUS),
            A("account_id", since="2.1.0"),
            A("config_id", since="2.3.1", note="set: the existing configuration is imported"),
        ),
    ),
    ResourceRule(
        "fortiflexvm_entitlements_vm",
        "resource",
        "2.0.0",
        Source(ENT_VM_PAGE),
        (
            A("config_id", required=True),
            A("serial_number", note="set: the existing entitlement is adopted"),
            A("description"),
            END_DATE,
            A("folder_path"),
            A("skip_pending", since="2.3.2"),
            A("status", allowed=ENTITLEMENT_STATUS),
            A("refresh_token_when_destroy", since="2.3.0"),
            READ_ONLY_ACCOUNT,
        ),
        category=Category.VM,
    ),
    ResourceRule(
        "fortiflexvm_entitlements_hardware",
        "resource",
        "2.0.0",
        Source(ENT_HW_PAGE),
        (
            A("serial_number", required=True, note="the device's serial number"),
            A("config_id", required=True),
            A("description"),
            END_DATE,
            A("status", allowed=ENTITLEMENT_STATUS),
            READ_ONLY_ACCOUNT,
        ),
        category=Category.HARDWARE,
    ),
    ResourceRule(
        "fortiflexvm_entitlements_cloud",
        "resource",
        "2.2.0",
        Source(ENT_CLOUD_PAGE),
        (
            A("config_id", required=True),
            A("serial_number"),
            A("description"),
            END_DATE,
            A("folder_path"),
            A("status", allowed=ENTITLEMENT_STATUS),
            READ_ONLY_ACCOUNT,
        ),
        category=Category.CLOUD,
        note="an account holds at most one entitlement per cloud product",
    ),
    ResourceRule(
        "fortiflexvm_entitlements_vm_token",
        "resource",
        "2.0.0",
        Source(ENT_TOKEN_PAGE),
        (
            A("config_id", required=True),
            A("serial_number", required=True),
            A("regenerate_token"),
            READ_ONLY_ACCOUNT,
        ),
        category=Category.VM,
    ),
    ResourceRule(
        "fortiflexvm_retrieve_vm_group",
        "resource",
        "2.3.0",
        Source(RETRIEVE_PAGE),
        (
            A("task_name", required=True),
            A("count_num", required=True),
            A("config_id", required=True),
            A("preempt_interval"),
            A("refresh_token_when_destroy"),
            A("refresh_token_when_create"),
            A("retrieve_status", allowed=("STOPPED", "PENDING"), since="2.3.1"),
            A("require_exact_count", since="2.3.1"),
        ),
        category=Category.VM,
    ),
    _data("fortiflexvm_configs_list", "1.0.0", A("program_serial_number"), A("account_id")),
    _data("fortiflexvm_groups_list", "1.0.0", A("account_id")),
    _data(
        "fortiflexvm_groups_nexttoken",
        "1.0.0",
        A("account_id"),
        A("config_id"),
        A("folder_path"),
        A("status", since="2.3.0"),
    ),
    _data("fortiflexvm_programs_list", "1.0.0"),
    _data(
        "fortiflexvm_entitlements_list",
        "2.0.0",
        A("config_id"),
        A("account_id", since="2.1.0"),
        A("program_serial_number", since="2.1.0"),
        A("description", since="2.3.0"),
        A("serial_number", since="2.3.0"),
        A("status", since="2.3.0"),
        A("token_status", since="2.3.0"),
    ),
    _data(
        "fortiflexvm_entitlements_points",
        "2.0.0",
        A("config_id"),
        A("start_date"),
        A("end_date"),
        A("account_id"),
    ),
    ResourceRule(
        "fortiflexvm_groups_nexttoken",
        "ephemeral",
        "2.4.0",
        Source(f"{DOCS}/ephemeral-resources/fortiflexvm_groups_nexttoken.html.markdown"),
        (A("account_id"), A("config_id"), A("folder_path"), A("status")),
        note="ephemeral blocks also need Terraform 1.10 or later",
    ),
)

# The 1.0.0 names that 2.0.0 replaced; the terraform-provider check reports them.
LEGACY_TYPES = frozenset(
    {
        "fortiflexvm_vms_create",
        "fortiflexvm_vms_update",
        "fortiflexvm_vms_list",
        "fortiflexvm_vms_points",
    }
)
