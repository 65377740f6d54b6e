/** Herald's small UI kit, shared by the console and the phone page. */
export { Button, type ButtonProps, type ButtonVariant } from './Button.js';
export { Card } from './Card.js';
export { CopyButton, copyText } from './CopyButton.js';
export { Dialog } from './Dialog.js';
export { Alert, Badge, Code, EmptyState, Loading, Spinner, type Tone } from './feedback.js';
export { Checkbox, Field, Input, RadioGroup, TextArea, type RadioOption } from './form.js';
export { Table, type Column } from './Table.js';
export { ToastProvider, useToast, type ToastTone } from './Toast.js';
