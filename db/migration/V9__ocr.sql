-- Pages of a document (1 for an image) whose text was read by OCR.
alter table document add column ocr_pages int not null default 0;
