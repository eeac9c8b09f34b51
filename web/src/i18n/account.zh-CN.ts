// “我的账号”中文文字：登录设备、全部退出与集成令牌。键与 account.en-US.ts 相同。
import type { Shape } from './shape.ts';
import type { accountEnUS } from './account.en-US.ts';

export const accountZhCN: Shape<typeof accountEnUS> = {
  account: {
    title: '我的账号', subtitle: '您在哪些地方登录着，以及其他系统代表您调用接口所用的令牌。',
    signIns: {
      title: '登录设备', subtitle: '以您的身份登录的浏览器和脚本。不认识的请立即退出。',
      device: '设备', address: '网络地址', since: '登录时间', lastSeen: '最近活动', ends: '最晚失效',
      browser: '浏览器', script: '登录令牌（脚本）', current: '当前浏览器', unknownDevice: '未知设备',
      end: '退出', endConfirm: '让这里退出登录？', ended: '已让该设备退出', empty: '没有其他登录。',
    },
    everywhere: {
      button: '全部退出', title: '退出所有登录？',
      text: '以您的身份登录的所有浏览器和脚本都将退出，包括当前浏览器。',
      includeTokens: '同时吊销我的集成令牌', confirm: '全部退出',
    },
    tokens: {
      title: '集成令牌', subtitle: '供其他系统（商城系统、脚本）使用。令牌以您的身份操作，但只限其权限范围。',
      name: '名称', scopes: '权限范围', created: '创建时间', lastUsed: '最近使用', expires: '到期', never: '永不', notUsed: '尚未使用',
      expired: '已过期', revoke: '吊销', revokeConfirm: '吊销此令牌？使用它的系统将立即无法调用。', revoked: '令牌已吊销',
      empty: '还没有令牌。', create: '新建令牌', createTitle: '新建集成令牌', namePlaceholder: '例如：商城订单同步',
      nameRequired: '请填写令牌名称', scopesRequired: '至少选择一个权限范围', expiry: '有效期',
      days: '{{count}} 天', noExpiry: '永不过期（不推荐）', shownOnce: '请立即复制令牌：它只显示这一次。',
      done: '完成', usage: '调用时请发送请求头 Authorization: Bearer <令牌>。',
    },
    scope: {
      cases_read: '查看售后单、时效、知识库', cases_write: '办理售后单（提交、操作、留言）', orders_read: '查看订单',
      orders_write: '写入商城数据（客户、商品、订单、物流）', admin: '修改配置；管理登录与令牌',
    },
  },
};
