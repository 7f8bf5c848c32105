import { describeStoreConformance } from '@diffsync/core/testing';
import { LocalStore } from '@diffsync/core';

describeStoreConformance('LocalStore', () => new LocalStore());
