export interface IdentityPoolModel {
    readonly name: string;
}
