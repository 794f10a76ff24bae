// Roles are part of the wire contract (a session names its role): they live in @huiqi/shared.
export { isStaffRole, type Role, ROLE_LABELS, ROLES, STAFF_ROLES } from '@huiqi/shared';
