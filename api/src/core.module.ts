import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from './common/clock.js';
import { type AppConfig } from './config/config.js';
import { APP_CONFIG } from './config/config.provider.js';
import { Transactions } from './database/transactions.js';
import { TokenSigner } from './common/tokens.js';
import { WechatClient } from './wechat/wechat.client.js';

export interface CoreDependencies {
  config: AppConfig;
  dataSource: DataSource;
  clock: Clock;
}

/** The infrastructure every feature uses: configuration, the database, transactions, the clock, tokens. */
@Global()
@Module({})
export class CoreModule {
  static register({ config, dataSource, clock }: CoreDependencies): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: DataSource, useValue: dataSource },
      { provide: Transactions, useValue: new Transactions(dataSource) },
      { provide: Clock, useValue: clock },
      {
        provide: TokenSigner,
        // The app's clock, not Date.now: token expiry must agree with lockouts and refresh expiry.
        useValue: new TokenSigner(
          { current: config.tokenSecret, previous: config.tokenSecretPrevious },
          config.accessTokenTtlSeconds,
          () => clock.now().getTime(),
        ),
      },
      {
        provide: WechatClient,
        useValue: new WechatClient({
          baseUrl: config.wechat.baseUrl,
          appId: config.wechat.appId,
          appSecret: config.wechat.appSecret,
        }),
      },
    ];
    return { module: CoreModule, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}
