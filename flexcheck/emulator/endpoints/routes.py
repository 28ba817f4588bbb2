"""Which endpoint answers which API path; reads and writes apart, so the HTTP layer can tell."""

from __future__ import annotations

from flexcheck.emulator.endpoints.configs import (
    configs_create,
    configs_list,
    configs_update,
    set_config_status,
)
from flexcheck.emulator.endpoints.entitlements import (
    entitlements_cloud_create,
    entitlements_hardware_create,
    entitlements_list,
    entitlements_points,
    entitlements_transfer,
    entitlements_update,
    entitlements_vm_create,
    entitlements_vm_token,
    set_entitlement_status,
)
from flexcheck.emulator.endpoints.fields import Endpoint
from flexcheck.emulator.endpoints.groups import groups_list, groups_list_v1, groups_nexttoken
from flexcheck.emulator.endpoints.programs import programs_list, tools_calc
from flexcheck.emulator.records import EntitlementStatus

V1 = "v1:"  # names of endpoints served under the v1 prefix

READS: dict[str, Endpoint] = {
    "programs/list": programs_list,
    "configs/list": configs_list,
    "entitlements/list": entitlements_list,
    "entitlements/points": entitlements_points,
    "groups/list": groups_list,
    "groups/nexttoken": groups_nexttoken,
    "tools/calc": tools_calc,
    # The one v1 path the provider still calls (fortiflexvm_groups_list without account_id).
    V1 + "groups/list": groups_list_v1,
}


WRITES: dict[str, Endpoint] = {
    "configs/create": configs_create,
    "configs/update": configs_update,
    "configs/enable": set_config_status("ACTIVE"),
    "configs/disable": set_config_status("DISABLED"),
    "entitlements/vm/create": entitlements_vm_create,
    "entitlements/hardware/create": entitlements_hardware_create,
    "entitlements/cloud/create": entitlements_cloud_create,
    "entitlements/update": entitlements_update,
    "entitlements/stop": set_entitlement_status(EntitlementStatus.STOPPED),
    "entitlements/reactivate": set_entitlement_status(EntitlementStatus.ACTIVE),
    "entitlements/vm/token": entitlements_vm_token,
    "entitlements/transfer": entitlements_transfer,
}
