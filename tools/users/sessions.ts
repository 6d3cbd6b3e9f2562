// A user's credentials and sessions: reset-password (AdminResetUserPassword) and sign-out
// (AdminUserGlobalSignOut). The sandbox serves sign-out (its gateway revokes the sessions); its
// emulator (cognito-local 5.3.0) lacks AdminResetUserPassword, which against the sandbox fails with
// a line saying so.
import { userCommand } from "./command";

export const resetPassword = userCommand({
    name: "reset-password",
    summary: "force a new password: the current one stops working, and Cognito sends the user a code to set another",
    awsOnly: "AdminResetUserPassword",
    act: (api, username, about) => api.resetPassword(username, about),
    done: (user) => `reset the password of ${user}: they must set a new one with the code Cognito sends them`,
});

export const signOut = userCommand({
    name: "sign-out",
    summary: "sign a user out everywhere: revokes their refresh tokens",
    act: (api, username, about) => api.signOut(username, about),
    // Access and ID tokens are JWTs: an API that checks only their signature accepts them until they expire.
    done: (user) => `signed ${user} out everywhere: refresh tokens revoked; access and ID tokens already issued pass offline checks until they expire`,
});
