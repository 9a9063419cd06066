/* 注销账号 and 导出我的数据 as the server sends them (GET /me/export, the details of a refused
   DELETE /me). Types of the server's contract only (see ./types.ts). */
export type { AccountExport, FarmerDeleted, OrderHoldingAccount } from '../../server/contract/account'
