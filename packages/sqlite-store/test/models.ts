// The inventory models every store package tests with.
export * from '../../../test-support/inventory-models';
