// The widget's words in English and Chinese, chosen by the customer's language.
import { $ } from './state.js';

/** The customer's language: the browser's, else the page's; the widget speaks Chinese and English. */
// A website's page may ask for a language (LiveDesk.setLocale), which sdk.js passes as ?locale= to the frame.
const ASKED = new URLSearchParams(window.location.search).get('locale');

export const LANG = (ASKED || navigator.language || document.documentElement.lang || 'en').toLowerCase().startsWith('zh') ? 'zh'
  : 'en';

const TEXTS = {
  en: {
    launcher: 'Chat with us', title: 'Northwind help', name: 'Your name', start: 'Start chat', typeHere: 'Type a message…',
    send: 'Send', human: 'Talk to a person', suggestions: 'Suggested questions', end: 'End chat', confirmEnd: 'End this chat?', keep: 'Keep chatting',
    close: 'Close chat', attach: 'Attach a photo or PDF', checking: 'Checking who is around…',
    assistant: 'Our assistant answers now', assistantName: 'LiveDesk Assistant', waiting: 'Waiting for an agent…', queued: (p, wait) => `You are number ${p} in the queue${wait}`,
    waitAbout: (m) => ` · about ${m} min`, noAgents: 'No agent is online yet; you keep your place in the queue',
    withAgent: (name) => `You are chatting with ${name}`, resolved: 'This chat has ended',
    agentsOnline: (n) => `${n} agent${n === 1 ? '' : 's'} online`, agentsAway: 'Our assistant answers now · agents are away',
    closed: 'We are closed right now', opensAt: (t) => ` · back ${t}`, email: 'Your email', leaveEmail: 'Email me',
    badEmail: 'Please enter a valid email address.',
    rate: 'How did we do?', comment: 'Anything to add? (optional)', sendRating: 'Send rating', pickScore: 'Pick 1 to 5 stars.',
    thanks: 'Thank you for your rating!', newChat: 'Start a new chat', sending: 'Sending…', failed: 'Not sent',
    retry: 'Retry', tooMany: (s) => `Too many messages; you can retry in ${s} s`, offline: 'No connection; retrying…',
    uploadFailed: 'The file could not be sent', unsupported: 'Only photos (PNG, JPEG, WebP, GIF) and PDFs can be sent',
    tooLarge: 'That file is too large', uploading: (p) => `Uploading… ${p}%`, reconnecting: 'Connection lost · reconnecting…',
    connecting: 'Connecting…', ended: 'This chat has ended. Start a new one any time.', typing: (n) => `${n} is typing…`,
    newMessage: (n) => `New message from ${n}`, attachment: 'Attachment', opened: 'Opens in a new tab',
    earlier: 'Earlier conversations',
    statuses: { RESOLVED: 'Ended', BOT: 'With our assistant', QUEUED: 'Waiting', ASSIGNED: 'Open' },
  },
  zh: {
    launcher: '在线客服', title: 'Northwind 客服', name: '您的称呼', start: '开始咨询', typeHere: '请输入消息…',
    send: '发送', human: '转人工', suggestions: '推荐问题', end: '结束对话', confirmEnd: '确定结束对话吗？', keep: '继续聊天',
    close: '关闭对话', attach: '发送图片或 PDF', checking: '正在查看客服状态…',
    assistant: '智能助手为您服务', assistantName: '智能助手', waiting: '正在等待人工客服…', queued: (p, wait) => (p === 1 ? `下一位就是您${wait}` : `您前面还有 ${p - 1} 位${wait}`),
    waitAbout: (m) => ` · 预计约 ${m} 分钟`, noAgents: '暂时没有客服在线，您的排队位置会保留',
    withAgent: (name) => `${name} 正在为您服务`, resolved: '对话已结束',
    agentsOnline: (n) => `${n} 位客服在线`, agentsAway: '智能助手为您服务 · 人工客服暂时离开',
    closed: '当前非工作时间', opensAt: (t) => ` · ${t} 上线`, email: '您的邮箱', leaveEmail: '邮件通知我',
    badEmail: '请输入有效的邮箱地址。',
    rate: '请为本次服务评分', comment: '其他意见（可选）', sendRating: '提交评分', pickScore: '请选择 1 到 5 星。',
    thanks: '感谢您的评价！', newChat: '开始新的对话', sending: '发送中…', failed: '未发送',
    retry: '重试', tooMany: (s) => `消息太频繁，请 ${s} 秒后重试`, offline: '网络断开，正在重试…',
    uploadFailed: '文件发送失败', unsupported: '只能发送图片（PNG、JPEG、WebP、GIF）或 PDF', tooLarge: '文件太大',
    uploading: (p) => `上传中… ${p}%`, reconnecting: '连接中断 · 正在重新连接…', connecting: '正在连接…',
    ended: '对话已结束，您可以随时开始新的对话。', typing: (n) => `${n} 正在输入…`, newMessage: (n) => `${n} 发来新消息`,
    attachment: '附件', opened: '在新标签页打开', earlier: '以前的对话',
    statuses: { RESOLVED: '已结束', BOT: '智能助手', QUEUED: '排队中', ASSIGNED: '进行中' },
  },
};

export const T = TEXTS[LANG];

export function translate() {
  document.documentElement.lang = LANG === 'zh' ? 'zh-CN' : document.documentElement.lang || 'en';
  $('launcher-text').textContent = T.launcher;
  // The website's inbox names the chat; LiveDesk's own page of old keeps its demo title.
  $('chat-title').textContent = document.body.dataset.inboxName || T.title;
  $('name-label').textContent = T.name;
  $('start-button').textContent = T.start;
  $('text').placeholder = T.typeHere;
  $('send').textContent = T.send;
  $('human').textContent = T.human;
  $('end').textContent = T.end;
  $('confirm-text').textContent = T.confirmEnd;
  $('confirm-yes').textContent = T.end;
  $('confirm-no').textContent = T.keep;
  $('close').setAttribute('aria-label', T.close);
  $('attach').setAttribute('aria-label', T.attach);
  $('desk-status').textContent = T.checking;
  $('email-label').textContent = T.email;
  $('email').placeholder = T.email;
  $('contact-button').textContent = T.leaveEmail;
  $('rating-label').textContent = T.rate;
  $('comment-label').textContent = T.comment;
  $('rate-button').textContent = T.sendRating;
  $('new-chat').textContent = T.newChat;
  $('earlier-title').textContent = T.earlier;
}
