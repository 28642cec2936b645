/// <reference types="vite/client" />
/// <reference types="@l10n-sync/vite/virtual" />
