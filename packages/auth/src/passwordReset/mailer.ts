/** One SMTP sender for the product: the API's (status-request notifications use it too). */
export { createMailer } from "@marketable/api";
