export { ordersRoutes } from './orders.routes.ts';
export { applyImportRecord, importRecordSchema, type ImportRecord } from './orders.service.ts';
export { loadOrderItemFacts, type OpenClaim, type OrderItemFacts, presentShipment } from './orders.queries.ts';
export { categoryName, namedCategories } from './orders.categories.ts';
