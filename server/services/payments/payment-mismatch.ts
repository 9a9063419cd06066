/* A payment or refund confirmation that does not match what we asked for (no such payment, another
   amount). Confirming a payment and settling a refund both refuse with it, and the notification
   route answers it 400 so WeChat Pay stops sending; a module of its own so neither of the two
   imports the other for it. */
export class PaymentMismatch extends Error {}
