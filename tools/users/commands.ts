// Every command of `npm run users`, in the order the help lists them.
import { exportUsers } from "./backup/export";
import { restoreUsers } from "./backup/restore";
import type { Command } from "./command";
import { disable, enable, invite, remove, resendInvitation } from "./lifecycle";
import { addToGroup, removeFromGroup } from "./membership";
import { find, groups, list } from "./read";
import { resetPassword, signOut } from "./sessions";

export const commands: readonly Command[] = [list, find, invite, resendInvitation, addToGroup, removeFromGroup, groups, disable, enable, resetPassword, signOut, remove, exportUsers, restoreUsers];
