import { Module } from '@nestjs/common';
import { InventorySourceService } from './inventory-source.service';

@Module({ providers: [InventorySourceService], exports: [InventorySourceService] })
export class InventoryModule {}
